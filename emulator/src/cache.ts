// CacheService (developers.google.com/apps-script/reference/cache/cache): expiry on the virtual clock,
// 250-character keys, 100 KB values, 6 hours at most, 1,000 entries per cache evicted oldest first.
import { conforms } from './conformance';
import type { Runtime } from './runtime';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_TTL_SECONDS = 600;
export const MAX_TTL_SECONDS = 21600;
/** "a cache item cap of 1,000 entries"; when full, about 100 of the oldest go at once (public measurements). */
export const MAX_ENTRIES = 1000;
const EVICTED_WHEN_FULL = 100;

interface Entry {
  value: string;
  createdAt: number;
  expiresAt: number;
}

export class FakeCache {
  constructor(
    private readonly rt: Runtime,
    private readonly entries: Map<string, Entry>,
  ) {}

  private touch(method: string): void {
    this.rt.call('CacheService', `Cache.${method}`);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.rt.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private check(key: string, value: string): void {
    // Messages as scripts report them: "Argument too large: key" / "Argument too large: value".
    if (key.length > MAX_KEY_LENGTH) throw new Error('Argument too large: key');
    if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
  }

  private store(key: string, value: string, ttlSeconds: number | undefined): void {
    const now = this.rt.clock.now();
    let ttl = ttlSeconds === undefined || !(Number(ttlSeconds) > 0) ? DEFAULT_TTL_SECONDS : Number(ttlSeconds);
    ttl = Math.min(ttl, MAX_TTL_SECONDS);
    if (!this.entries.has(key) && this.entries.size >= MAX_ENTRIES) this.evictOldest(now);
    this.entries.delete(key);
    this.entries.set(key, { value, createdAt: now, expiresAt: now + ttl * 1000 });
  }

  private evictOldest(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size < MAX_ENTRIES) return;
    const oldest = [...this.entries.entries()].sort((a, b) => a[1].createdAt - b[1].createdAt).slice(0, EVICTED_WHEN_FULL);
    for (const [key] of oldest) this.entries.delete(key);
  }

  get(key: string): string | null {
    this.touch('get');
    return this.live(String(key))?.value ?? null;
  }

  getAll(keys: string[]): { [key: string]: string } {
    this.touch('getAll');
    const out: { [key: string]: string } = {};
    for (const key of keys.map(String)) {
      const entry = this.live(key);
      if (entry) out[key] = entry.value;
    }
    return out;
  }

  put(key: string, value: unknown, expirationInSeconds?: number): void {
    this.touch('put');
    const k = String(key);
    const v = String(value);
    this.check(k, v);
    this.store(k, v, expirationInSeconds);
  }

  putAll(values: { [key: string]: unknown }, expirationInSeconds?: number): void {
    this.touch('putAll');
    const pairs = Object.keys(values ?? {}).map((k) => [k, String(values[k])] as const);
    for (const [k, v] of pairs) this.check(k, v);
    for (const [k, v] of pairs) this.store(k, v, expirationInSeconds);
  }

  remove(key: string): void {
    this.touch('remove');
    this.entries.delete(String(key));
  }

  removeAll(keys: string[]): void {
    this.touch('removeAll');
    for (const key of keys) this.entries.delete(String(key));
  }
}

conforms<GoogleAppsScript.Cache.Cache, FakeCache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'>(true);

export class FakeCacheService {
  constructor(private readonly owner: CacheServiceEmu) {}
  getScriptCache(): FakeCache {
    this.owner.rt.call('CacheService', 'getScriptCache');
    return new FakeCache(this.owner.rt, this.owner.entries('script'));
  }
  /** Scoped to the effective user: the owner, as the web app executes as the owner. */
  getUserCache(): FakeCache {
    this.owner.rt.call('CacheService', 'getUserCache');
    return new FakeCache(this.owner.rt, this.owner.entries(`user:${this.owner.rt.ownerEmail.toLowerCase()}`));
  }
  /** Not null: the script is bound to its spreadsheet. */
  getDocumentCache(): FakeCache {
    this.owner.rt.call('CacheService', 'getDocumentCache');
    return new FakeCache(this.owner.rt, this.owner.entries('document'));
  }
}

conforms<GoogleAppsScript.Cache.CacheService, FakeCacheService, 'getScriptCache' | 'getUserCache' | 'getDocumentCache'>(true);

/**
 * Test API: `peek(scope, key)` reads an unexpired value without a call ('script', 'document' or
 * 'user:<email>'); `keys(scope)`; `evictAll()` drops every entry, as Google may at any time.
 */
export class CacheServiceEmu {
  private readonly caches = new Map<string, Map<string, Entry>>();
  private readonly api: FakeCacheService;

  constructor(readonly rt: Runtime) {
    rt.registerState('cache', this);
    this.api = new FakeCacheService(this);
  }

  globals(): Record<string, unknown> {
    return { CacheService: this.api };
  }

  entries(scope: string): Map<string, Entry> {
    let map = this.caches.get(scope);
    if (!map) {
      map = new Map();
      this.caches.set(scope, map);
    }
    return map;
  }

  peek(scope: string, key: string): string | null {
    const entry = this.caches.get(scope)?.get(key);
    return entry && entry.expiresAt > this.rt.clock.now() ? entry.value : null;
  }

  keys(scope = 'script'): string[] {
    const now = this.rt.clock.now();
    return [...(this.caches.get(scope) ?? new Map<string, Entry>()).entries()].filter(([, e]) => e.expiresAt > now).map(([k]) => k);
  }

  evictAll(): void {
    for (const map of this.caches.values()) map.clear();
  }

  save(): unknown {
    const out: Record<string, Array<[string, Entry]>> = {};
    for (const [scope, map] of this.caches) out[scope] = [...map.entries()].map(([k, e]) => [k, { ...e }]);
    return out;
  }

  /** Refills the existing maps: Cache objects already handed out stay live. */
  load(data: unknown): void {
    this.evictAll();
    for (const [scope, list] of Object.entries((data ?? {}) as Record<string, Array<[string, Entry]>>)) {
      const map = this.entries(scope);
      for (const [k, e] of list) map.set(k, { ...e });
    }
  }
}
