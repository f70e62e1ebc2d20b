// The bench's cost model (bench/model.ts): per-execution cost, phases around the script lock, and the
// lock queue of a burst of deliveries. Pure functions; no timing is measured.
import type { TracedCall } from '../../emulator/src/runtime';
import { byExecution, costOf, modeledMs, phasesOf, simulateBurst, type BurstOptions } from '../../bench/model';
import { latencyOf } from '../../bench/latency';

const call = (key: string, cost: TracedCall['cost'] = 'roundTrip', execution = 1, functionName = 'doPost'): TracedCall => ({
  key,
  cost,
  execution,
  functionName,
  at: 0,
});
const flat = (ms: number) => () => ({ low: ms, high: 2 * ms });

describe('costOf', () => {
  test('round trips and handle calls per service; batched writes counted apart; modeled time from round trips only', () => {
    const cost = costOf(
      [
        call('SpreadsheetApp.Sheet.getRange', 'handle'),
        call('SpreadsheetApp.Range.getValues'),
        call('SpreadsheetApp.Sheet.appendRow'),
        call('SpreadsheetApp.Range.setValues', 'batched'),
        call('UrlFetchApp.fetch'),
      ],
      flat(100),
    );
    expect(cost.byService.get('SpreadsheetApp')).toEqual({ calls: 4, roundTrips: 2, handles: 2 });
    expect(cost.byService.get('UrlFetchApp')).toEqual({ calls: 1, roundTrips: 1, handles: 0 });
    expect(cost.batchedWrites).toBe(1);
    expect(cost.modeled).toEqual({ low: 300, high: 600 });
  });

  test('the latency table: a PDF export costs seconds, a cache read milliseconds, a handle nothing', () => {
    expect(latencyOf('DriveApp.File.getAs')).toEqual({ low: 1000, high: 3000 });
    expect(latencyOf('DriveApp.Folder.createFile').high).toBeLessThan(1000);
    expect(latencyOf('CacheService.Cache.get').high).toBeLessThanOrEqual(10);
    expect(modeledMs([call('SpreadsheetApp.Sheet.getRange', 'handle')], 'high')).toBe(0);
  });

  test('byExecution keeps each execution’s calls together, in order of start', () => {
    const trace = [call('A.x', 'roundTrip', 1), call('B.y', 'roundTrip', 2, 'carnetDocuments'), call('A.z', 'roundTrip', 1)];
    expect(byExecution(trace).map((g) => g.map((c) => c.key))).toEqual([['A.x', 'A.z'], ['B.y']]);
  });
});

describe('phasesOf', () => {
  test('cuts a delivery before the lock, under it (records, then documents and mail), and after it', () => {
    const p = phasesOf([
      call('UrlFetchApp.fetch'),
      call('LockService.Lock.tryLock'),
      call('SpreadsheetApp.Range.getValues'),
      call('DriveApp.File.makeCopy'),
      call('MailApp.sendEmail'),
      call('LockService.Lock.releaseLock'),
      call('HtmlService.createHtmlOutput', 'handle'),
    ]);
    expect(p.beforeLock.map((c) => c.key)).toEqual(['UrlFetchApp.fetch', 'LockService.Lock.tryLock']);
    expect(p.records.map((c) => c.key)).toEqual(['SpreadsheetApp.Range.getValues']);
    expect(p.documents.map((c) => c.key)).toEqual(['DriveApp.File.makeCopy', 'MailApp.sendEmail', 'LockService.Lock.releaseLock']);
    expect(p.afterLock.map((c) => c.key)).toEqual(['HtmlService.createHtmlOutput']);
  });

  test('no lock at all: everything is before it', () => {
    expect(phasesOf([call('CacheService.Cache.get')]).beforeLock).toHaveLength(1);
  });
});

describe('simulateBurst: the script lock as a queue', () => {
  const base: BurstOptions = {
    arrivals: [0],
    delivery: { beforeLock: 500, records: 1000, inlineDocuments: 0, busyTail: 200 },
    lockTimeoutMs: 5000,
    backstopAt: 600000,
    backstopEveryMs: 600000,
    backstopBudgetMs: 240000,
    backstopPerEvent: 1500,
    documentsRun: null,
  };

  test('deliveries further apart than the lock is held: each recorded by its own webhook, without waiting', () => {
    const out = simulateBurst({ ...base, arrivals: [0, 2000, 4000] });
    expect(out.payments.map((p) => p.recorded)).toEqual([1500, 3500, 5500]);
    expect(out.leftToBackstop).toBe(0);
    expect(out.lastRecorded).toBe(5500);
  });

  test('waiters queue in order; one that would wait more than 5 s leaves its event to the backstop', () => {
    // Held 3 s each: the 2nd waits 2.5 s, the 3rd would wait 5.5 s.
    const out = simulateBurst({ ...base, delivery: { ...base.delivery, records: 3000 }, arrivals: [0, 500, 600] });
    expect(out.payments.map((p) => [p.recorded, p.viaBackstop])).toEqual([
      [3500, false],
      [6500, false],
      [600000 + 1500, true],
    ]);
    expect(out.leftToBackstop).toBe(1);
  });

  test('the backstop stops starting events after its work budget: the rest wait for its next run', () => {
    const out = simulateBurst({ ...base, delivery: { ...base.delivery, records: 60000 }, arrivals: [0, 10, 20, 30, 40, 50, 60], backstopPerEvent: 100000 });
    const late = out.payments.filter((p) => p.viaBackstop).map((p) => p.recorded);
    // Run at 10 min: events at +100 s, +200 s, +300 s (the third starts at 200 s < 240 s), then the next run at 20 min.
    expect(late).toEqual([700000, 800000, 900000, 1300000, 1400000, 1500000]);
  });

  test('inline documents hold the lock longer; a separate documents run e-mails after its delay instead', () => {
    const inline = simulateBurst({ ...base, delivery: { ...base.delivery, inlineDocuments: 4000 }, arrivals: [0, 100] });
    expect(inline.payments.map((p) => p.mailed)).toEqual([5500, 10500]);
    const separate = simulateBurst({ ...base, arrivals: [0, 100], documentsRun: { delay: 60000, length: 3000, holdsLock: false } });
    expect(separate.payments.map((p) => p.mailed)).toEqual([1500 + 63000, 2500 + 63000]);
    expect(separate.lastMailed).toBe(65500);
  });

  test('documents runs that take the script lock queue behind each other', () => {
    const out = simulateBurst({ ...base, arrivals: [0, 100], documentsRun: { delay: 60000, length: 3000, holdsLock: true } });
    // Recorded at 1.5 s and 2.5 s; the first run holds the lock 61.5–64.5 s, the second waits for it.
    expect(out.payments.map((p) => p.mailed)).toEqual([64500, 67500]);
  });
});
