// Utilities (developers.google.com/apps-script/reference/utilities/utilities).
import { EmulatedBlob } from '../../emulator/src/blob';
import { Runtime } from '../../emulator/src/runtime';
import { formatJavaDate, UtilitiesService, wallTime, zonedTimeToUtc } from '../../emulator/src/utilities';

function setup() {
  const rt = new Runtime({ start: Date.UTC(2026, 10, 21, 9, 0, 0) });
  const service = new UtilitiesService(rt);
  const Utilities = service.api;
  return { rt, Utilities };
}

describe('Utilities.formatDate (reference: utilities#formatDate(Date,String,String), java SimpleDateFormat)', () => {
  test('formats the wall time of the given zone with Java pattern letters', () => {
    const { rt, Utilities } = setup();
    const d = rt.newDate(Date.UTC(2026, 10, 21, 9, 5, 7, 42));
    expect(Utilities.formatDate(d, 'Europe/Paris', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2026-11-21 10:05:07.042');
    expect(Utilities.formatDate(d, 'UTC', 'yyyy-MM-dd HH:mm')).toBe('2026-11-21 09:05');
    expect(Utilities.formatDate(d, 'America/New_York', 'HH:mm z')).toBe('04:05 EST');
  });

  test('month and day names are English whatever the locale (MMM, MMMM, EEE, EEEE)', () => {
    const { rt, Utilities } = setup();
    const d = rt.newDate(Date.UTC(2026, 10, 21, 9, 0, 0));
    expect(Utilities.formatDate(d, 'Europe/Paris', 'EEEE d MMMM yyyy')).toBe('Saturday 21 November 2026');
    expect(Utilities.formatDate(d, 'Europe/Paris', 'EEE, MMM d, yy')).toBe('Sat, Nov 21, 26');
    expect(Utilities.formatDate(d, 'Europe/Paris', 'M/d/y')).toBe('11/21/2026');
  });

  test('12-hour clock and AM/PM marker (h, a, K, k)', () => {
    const { rt, Utilities } = setup();
    const d = rt.newDate(Date.UTC(2026, 10, 21, 23, 30, 0));
    expect(Utilities.formatDate(d, 'UTC', 'h:mm a')).toBe('11:30 PM');
    expect(Utilities.formatDate(rt.newDate(Date.UTC(2026, 10, 21, 0, 15)), 'UTC', 'h:mm a K k')).toBe('12:15 AM 0 24');
  });

  test('summer time change on 2026-03-29 in Europe/Paris: CET +01:00 before 01:00 UTC, CEST +02:00 after', () => {
    const { rt, Utilities } = setup();
    const before = rt.newDate(Date.UTC(2026, 2, 29, 0, 30));
    const after = rt.newDate(Date.UTC(2026, 2, 29, 1, 30));
    expect(Utilities.formatDate(before, 'Europe/Paris', 'yyyy-MM-dd HH:mm z Z XXX')).toBe('2026-03-29 01:30 CET +0100 +01:00');
    expect(Utilities.formatDate(after, 'Europe/Paris', 'yyyy-MM-dd HH:mm z Z XXX')).toBe('2026-03-29 03:30 CEST +0200 +02:00');
  });

  test('autumn change on 2026-10-25: 02:30 happens twice, once in CEST then in CET', () => {
    const first = formatJavaDate(Date.UTC(2026, 9, 25, 0, 30), 'Europe/Paris', 'HH:mm z');
    const second = formatJavaDate(Date.UTC(2026, 9, 25, 1, 30), 'Europe/Paris', 'HH:mm z');
    expect([first, second]).toEqual(['02:30 CEST', '02:30 CET']);
  });

  test("quoted text and '' for a literal quote", () => {
    const { rt, Utilities } = setup();
    const d = rt.newDate(Date.UTC(2026, 10, 21, 9, 0, 0));
    expect(Utilities.formatDate(d, 'Europe/Paris', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2026-11-21T10:00:00Z');
    expect(Utilities.formatDate(d, 'Europe/Paris', "'le' d 'à' HH'h'mm, 'o''clock' ''")).toBe("le 21 à 10h00, o'clock '");
  });

  test('X gives Z for UTC, XX and XXX the offset', () => {
    const d = Date.UTC(2026, 6, 1, 12, 0);
    expect(formatJavaDate(d, 'UTC', 'X XX XXX')).toBe('Z Z Z');
    expect(formatJavaDate(d, 'Europe/Paris', 'X XX XXX')).toBe('+02 +0200 +02:00');
  });

  test('GMT offset ids and unknown zones (Java falls back to GMT)', () => {
    const d = Date.UTC(2026, 6, 1, 12, 0);
    expect(formatJavaDate(d, 'GMT+2', 'HH:mm z')).toBe('14:00 GMT+02:00');
    expect(formatJavaDate(d, 'Not/AZone', 'HH:mm z')).toBe('12:00 GMT');
  });

  test('a string instead of a Date: "The parameters (String,String,String) don\'t match the method signature for Utilities.formatDate."', () => {
    const { Utilities } = setup();
    expect(() => Utilities.formatDate('2026-01-01' as unknown as Date, 'Europe/Paris', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  test('an unknown pattern letter is refused like SimpleDateFormat', () => {
    expect(() => formatJavaDate(0, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });

  test('week in year (w) and day in year (D)', () => {
    expect(formatJavaDate(Date.UTC(2026, 0, 1, 12), 'UTC', 'w D')).toBe('1 1');
    expect(formatJavaDate(Date.UTC(2026, 11, 31, 12), 'UTC', 'D')).toBe('365');
  });
});

describe('wall time helpers', () => {
  test('zonedTimeToUtc is the inverse of wallTime, summer time included', () => {
    const t = zonedTimeToUtc('Europe/Paris', 2026, 7, 14, 9, 0);
    expect(t).toBe(Date.UTC(2026, 6, 14, 7, 0));
    expect(wallTime(t, 'Europe/Paris')).toMatchObject({ year: 2026, month: 7, day: 14, hour: 9, minute: 0, offsetMinutes: 120 });
  });

  test('a wall time inside the spring-forward gap moves forward (02:30 → 03:30 CEST)', () => {
    const t = zonedTimeToUtc('Europe/Paris', 2026, 3, 29, 2, 30);
    expect(formatJavaDate(t, 'Europe/Paris', 'HH:mm z')).toBe('03:30 CEST');
  });
});

describe('Utilities.formatString (reference: utilities#formatString(String,Object...))', () => {
  test('sprintf-like %s %d %f with width, precision and flags', () => {
    const { Utilities } = setup();
    expect(Utilities.formatString('%s has %d credits', 'Ana', 3)).toBe('Ana has 3 credits');
    expect(Utilities.formatString('%11.6f', 123.456)).toBe(' 123.456000');
    expect(Utilities.formatString('%05d|%-4s|%+d|%.2f%%', 42, 'ab', 7, 12.345)).toBe('00042|ab  |+7|12.35%');
  });
});

describe('digests and signatures return SIGNED bytes (-128..127) like Java byte[]', () => {
  test('computeDigest(MD5, "abc") (reference: utilities#computeDigest(DigestAlgorithm,String))', () => {
    const { Utilities } = setup();
    const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
    expect(digest).toEqual([-112, 1, 80, -104, 60, -46, 79, -80, -42, -106, 63, 125, 40, -31, 127, 114]);
    expect(digest.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  test('SHA_256 of bytes equals SHA_256 of the same string in UTF-8', () => {
    const { Utilities } = setup();
    const fromString = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'été');
    const bytes = Utilities.newBlob('été').getBytes();
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, bytes)).toEqual(fromString);
    expect(fromString).toHaveLength(32);
  });

  test('US_ASCII charset replaces non-ASCII characters with ? before hashing', () => {
    const { Utilities } = setup();
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, 'é', Utilities.Charset.US_ASCII)).toEqual(
      Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, '?'),
    );
  });

  test('computeHmacSha256Signature (reference: utilities#computeHmacSha256Signature(String,String))', () => {
    const { Utilities } = setup();
    const mac = Utilities.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key');
    const hex = mac.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    expect(mac[0]).toBe(-9);
  });

  test('computeHmacSignature(HMAC_SHA_256) equals computeHmacSha256Signature; byte[] keys accepted', () => {
    const { Utilities } = setup();
    const a = Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_256, 'msg', 'secret');
    const keyBytes = Utilities.newBlob('secret').getBytes();
    const msgBytes = Utilities.newBlob('msg').getBytes();
    expect(Utilities.computeHmacSha256Signature(msgBytes, keyBytes)).toEqual(a);
  });

  test('a string instead of the enum does not match the signature', () => {
    const { Utilities } = setup();
    expect(() => Utilities.computeDigest('SHA_256', 'x')).toThrow("don't match the method signature for Utilities.computeDigest");
  });
});

describe('base64 (reference: utilities#base64Encode(Byte), #base64DecodeWebSafe(String))', () => {
  test('encode strings and signed byte arrays; decode to signed bytes', () => {
    const { Utilities } = setup();
    expect(Utilities.base64Encode('été')).toBe('w6l0w6k=');
    expect(Utilities.base64Encode([-61, -87, 116])).toBe('w6l0');
    expect(Utilities.base64Decode('w6l0w6k=')).toEqual([-61, -87, 116, -61, -87]);
  });

  test('web-safe alphabet uses - and _ and keeps the padding', () => {
    const { Utilities } = setup();
    const bytes = [-5, -1, -65];
    expect(Utilities.base64Encode(bytes)).toBe('+/+/');
    expect(Utilities.base64EncodeWebSafe(bytes)).toBe('-_-_');
    expect(Utilities.base64EncodeWebSafe('a')).toBe('YQ==');
    expect(Utilities.base64DecodeWebSafe('-_-_')).toEqual(bytes);
  });

  test('an unpadded or foreign-alphabet string fails with "Could not decode string."', () => {
    const { Utilities } = setup();
    expect(() => Utilities.base64Decode('YQ')).toThrow('Could not decode string.');
    expect(() => Utilities.base64Decode('-_-_')).toThrow('Could not decode string.');
  });
});

describe('blobs, CSV, uuid, sleep, zip', () => {
  test('newBlob gives an EmulatedBlob with signed bytes, content type and name', () => {
    const { Utilities } = setup();
    const blob = Utilities.newBlob('é', 'text/plain', 'a.txt');
    expect(blob).toBeInstanceOf(EmulatedBlob);
    expect(blob.getBytes()).toEqual([-61, -87]);
    expect([blob.getContentType(), blob.getName()]).toEqual(['text/plain', 'a.txt']);
    expect(Utilities.newBlob([-61, -87]).getDataAsString()).toBe('é');
  });

  test('parseCsv handles quotes, doubled quotes, newlines in fields and a custom delimiter', () => {
    const { Utilities } = setup();
    expect(Utilities.parseCsv('a,"b,c","say ""hi"""\r\n1,"line\nbreak",3')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', 'line\nbreak', '3'],
    ]);
    expect(Utilities.parseCsv('x;y\n1;2', ';')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  test('getUuid returns distinct RFC 4122 strings', () => {
    const { Utilities } = setup();
    const a = Utilities.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Utilities.getUuid()).not.toBe(a);
  });

  test('sleep advances the virtual clock; more than 300000 ms is refused', () => {
    const { rt, Utilities } = setup();
    const t0 = rt.clock.now();
    Utilities.sleep(2500);
    expect(rt.clock.now() - t0).toBe(2500);
    expect(() => Utilities.sleep(300001)).toThrow();
  });

  test('sleep counts toward the 6-minute execution budget', () => {
    const { rt, Utilities } = setup();
    rt.beginExecution({ kind: 'owner' }, 'long');
    Utilities.sleep(300000);
    Utilities.sleep(61000);
    expect(() => Utilities.sleep(1)).toThrow('Exceeded maximum execution time');
  });

  test('zip then unzip gives back the files; gzip round trip', () => {
    const { Utilities } = setup();
    const zip = Utilities.zip([Utilities.newBlob('hello', 'text/plain', 'a.txt'), Utilities.newBlob('world', 'text/plain', 'b.txt')], 'x.zip');
    expect([zip.getName(), zip.getContentType()]).toEqual(['x.zip', 'application/zip']);
    const files = Utilities.unzip(zip);
    expect(files.map((f) => [f.getName(), f.getDataAsString()])).toEqual([
      ['a.txt', 'hello'],
      ['b.txt', 'world'],
    ]);
    expect(Utilities.ungzip(Utilities.gzip(Utilities.newBlob('abc', 'text/plain', 'f.txt'))).getDataAsString()).toBe('abc');
  });

  test('every method is counted as a Utilities call', () => {
    const { rt, Utilities } = setup();
    Utilities.getUuid();
    Utilities.base64Encode('x');
    expect(rt.accounting.total('Utilities')).toBe(2);
  });
});
