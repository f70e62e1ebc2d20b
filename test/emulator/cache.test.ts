// CacheService (developers.google.com/apps-script/reference/cache/cache).
import { CacheServiceEmu, FakeCache, FakeCacheService, MAX_ENTRIES } from '../../emulator/src/cache';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const service = new CacheServiceEmu(rt);
  const CacheService = service.globals().CacheService as FakeCacheService;
  return { rt, service, CacheService, cache: CacheService.getScriptCache() as FakeCache };
}

describe('Cache (reference: cache/cache)', () => {
  test('get returns null when absent, the value after put', () => {
    const { cache } = setup();
    expect(cache.get('k')).toBeNull();
    cache.put('k', 'v');
    expect(cache.get('k')).toBe('v');
  });

  test('values are stored as strings', () => {
    const { cache } = setup();
    cache.put('n', 12 as unknown as string);
    expect(cache.get('n')).toBe('12');
  });

  test('default expiry is 600 seconds on the virtual clock', () => {
    const { rt, cache } = setup();
    cache.put('k', 'v');
    rt.clock.advance(599_000);
    expect(cache.get('k')).toBe('v');
    rt.clock.advance(1_000);
    expect(cache.get('k')).toBeNull();
  });

  test('explicit expiry, capped at 21600 seconds (6 hours)', () => {
    const { rt, cache } = setup();
    cache.put('short', 'v', 5);
    cache.put('long', 'v', 100000);
    rt.clock.advance(5_000);
    expect(cache.get('short')).toBeNull();
    rt.clock.advance(21600_000 - 5_000 - 1);
    expect(cache.get('long')).toBe('v');
    rt.clock.advance(1);
    expect(cache.get('long')).toBeNull();
  });

  test('a key over 250 characters fails with "Argument too large: key"', () => {
    const { cache } = setup();
    cache.put('k'.repeat(250), 'ok');
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
  });

  test('a value over 100 KB fails with "Argument too large: value"', () => {
    const { cache } = setup();
    cache.put('ok', 'x'.repeat(100 * 1024));
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(cache.get('big')).toBeNull();
  });

  test('getAll returns only the keys found; putAll and removeAll', () => {
    const { rt, cache } = setup();
    cache.putAll({ a: '1', b: '2' }, 10);
    cache.put('c', '3');
    expect(cache.getAll(['a', 'b', 'missing'])).toEqual({ a: '1', b: '2' });
    rt.clock.advance(10_000);
    expect(cache.getAll(['a', 'c'])).toEqual({ c: '3' });
    cache.removeAll(['c']);
    expect(cache.get('c')).toBeNull();
  });

  test('remove deletes one key', () => {
    const { cache } = setup();
    cache.put('a', '1');
    cache.remove('a');
    expect(cache.get('a')).toBeNull();
  });

  test('script, user and document caches are separate', () => {
    const { CacheService } = setup();
    CacheService.getScriptCache().put('k', 's');
    CacheService.getUserCache().put('k', 'u');
    const doc = CacheService.getDocumentCache();
    expect(doc).not.toBeNull();
    doc.put('k', 'd');
    expect([CacheService.getScriptCache().get('k'), CacheService.getUserCache().get('k'), doc.get('k')]).toEqual(['s', 'u', 'd']);
  });

  test('over 1,000 entries the oldest are evicted first', () => {
    const { rt, cache } = setup();
    for (let i = 0; i < MAX_ENTRIES; i += 1) {
      cache.put(`k${i}`, 'v', 21600);
      rt.clock.advance(1);
    }
    cache.put('newest', 'v');
    expect(cache.get('k0')).toBeNull();
    expect(cache.get(`k${MAX_ENTRIES - 1}`)).toBe('v');
    expect(cache.get('newest')).toBe('v');
  });

  test('evictAll() (test API) drops everything, as Google may at any time', () => {
    const { service, cache } = setup();
    cache.put('a', '1');
    service.evictAll();
    expect(cache.get('a')).toBeNull();
  });

  test('save() / load() round trip keeps entries and their expiry', () => {
    const { rt, service, cache } = setup();
    cache.put('a', '1', 60);
    const saved = JSON.parse(JSON.stringify(service.save()));
    const other = setup();
    other.service.load(saved);
    expect(other.cache.get('a')).toBe('1');
    other.rt.clock.set(rt.clock.now() + 60_000);
    expect(other.cache.get('a')).toBeNull();
  });
});
