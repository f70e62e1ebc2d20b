// PropertiesService (developers.google.com/apps-script/reference/properties/properties): string
// values, copies handed out, the 9 KB per value and 500 KB per store quotas and the daily quota of
// reads and writes (developers.google.com/apps-script/guides/services/quotas: "Properties read/write
// 50,000 / day" on a consumer account) with the messages scripts really get (the daily one follows
// the "Service invoked too many times for one day: <service>." form Apps Script uses for every
// service, e.g. urlfetch and email).
import { conforms } from './conformance';
import type { Runtime } from './runtime';

/** "Properties value size: 9 KB / val". */
export const MAX_VALUE_BYTES = 9 * 1024;
/** "Properties total storage: 500 KB / property store". */
export const MAX_STORE_BYTES = 500 * 1024;
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_QUOTA = 'You have exceeded the property storage quota. Please remove some properties and try again.';
export const DAILY_QUOTA = 'Service invoked too many times for one day: properties.';
/** Consumer accounts; counted for the owner across all their scripts. */
export const DEFAULT_DAILY_QUOTA = 50000;
const DAY_MS = 24 * 60 * 60 * 1000;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function storeSize(store: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of store) n += bytes(k) + bytes(v);
  return n;
}

export class FakeProperties {
  constructor(
    private readonly rt: Runtime,
    private readonly store: () => Map<string, string>,
    private readonly spend: () => void,
  ) {}

  /** Every read or write is a call and counts against the daily quota. */
  private touch(method: string): void {
    this.rt.call('PropertiesService', `Properties.${method}`);
    this.spend();
  }

  /** Applies `next` only if every value and the whole store fit the quotas. */
  private commit(next: Map<string, string>, changed: Iterable<string>): void {
    for (const key of changed) {
      const value = next.get(key);
      if (value !== undefined && bytes(value) > MAX_VALUE_BYTES) throw new Error(VALUE_TOO_LARGE);
    }
    if (storeSize(next) > MAX_STORE_BYTES) throw new Error(STORE_QUOTA);
    const live = this.store();
    live.clear();
    for (const [k, v] of next) live.set(k, v);
  }

  getProperty(key: string): string | null {
    this.touch('getProperty');
    return this.store().get(String(key)) ?? null;
  }

  /** Non-string values are stored as their string form ("Data types that are not already strings are automatically converted"). */
  setProperty(key: string, value: unknown): FakeProperties {
    this.touch('setProperty');
    const next = new Map(this.store());
    next.set(String(key), String(value));
    this.commit(next, [String(key)]);
    return this;
  }

  setProperties(properties: { [key: string]: unknown }, deleteAllOthers?: boolean): FakeProperties {
    this.touch('setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store());
    const keys = Object.keys(properties ?? {});
    for (const key of keys) next.set(key, String(properties[key]));
    this.commit(next, keys);
    return this;
  }

  /** A copy: changing it never changes the store. */
  getProperties(): { [key: string]: string } {
    this.touch('getProperties');
    return Object.fromEntries(this.store());
  }

  getKeys(): string[] {
    this.touch('getKeys');
    return [...this.store().keys()];
  }

  deleteProperty(key: string): FakeProperties {
    this.touch('deleteProperty');
    this.store().delete(String(key));
    return this;
  }

  deleteAllProperties(): FakeProperties {
    this.touch('deleteAllProperties');
    this.store().clear();
    return this;
  }
}

conforms<
  GoogleAppsScript.Properties.Properties,
  FakeProperties,
  'getProperty' | 'setProperty' | 'setProperties' | 'getProperties' | 'getKeys' | 'deleteProperty' | 'deleteAllProperties'
>(true);

export class FakePropertiesService {
  constructor(private readonly owner: PropertiesServiceEmu) {}
  getScriptProperties(): FakeProperties {
    this.owner.rt.call('PropertiesService', 'getScriptProperties');
    return new FakeProperties(
      this.owner.rt,
      () => this.owner.scriptStore(),
      () => this.owner.spend(),
    );
  }
  /** The effective user's store: the web app executes as the owner, so every visitor shares the owner's. */
  getUserProperties(): FakeProperties {
    this.owner.rt.call('PropertiesService', 'getUserProperties');
    return new FakeProperties(
      this.owner.rt,
      () => this.owner.userStore(this.owner.rt.ownerEmail),
      () => this.owner.spend(),
    );
  }
  /** A bound script has its document's store. */
  getDocumentProperties(): FakeProperties {
    this.owner.rt.call('PropertiesService', 'getDocumentProperties');
    return new FakeProperties(
      this.owner.rt,
      () => this.owner.documentStore(),
      () => this.owner.spend(),
    );
  }
}

conforms<GoogleAppsScript.Properties.PropertiesService, FakePropertiesService, 'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'>(true);

interface SavedProperties {
  script: Record<string, string>;
  user: Record<string, Record<string, string>>;
  document: Record<string, string>;
  quota?: { day: number; count: number; limit: number };
}

/**
 * Test API: `scriptStore()`, `userStore(email)`, `documentStore()` are live Maps (set a secret with
 * `scriptStore().set('STRIPE_SECRET_KEY', 'sk_test_…')`, read what the script stored);
 * `setDailyQuota(n)`, `usedToday()`: the daily read/write quota (default 50,000).
 */
export class PropertiesServiceEmu {
  private readonly script = new Map<string, string>();
  private readonly document = new Map<string, string>();
  private readonly users = new Map<string, Map<string, string>>();
  private readonly api: FakePropertiesService;
  private quota = { day: -1, count: 0, limit: DEFAULT_DAILY_QUOTA };

  constructor(readonly rt: Runtime) {
    rt.registerState('properties', this);
    this.api = new FakePropertiesService(this);
  }

  globals(): Record<string, unknown> {
    return { PropertiesService: this.api };
  }

  save(): unknown {
    const user: Record<string, Record<string, string>> = {};
    for (const [email, store] of this.users) user[email] = Object.fromEntries(store);
    return { script: Object.fromEntries(this.script), user, document: Object.fromEntries(this.document), quota: this.quota } satisfies SavedProperties;
  }

  load(data: unknown): void {
    const saved = (data ?? {}) as Partial<SavedProperties>;
    const fill = (target: Map<string, string>, from: Record<string, string> | undefined) => {
      target.clear();
      for (const [k, v] of Object.entries(from ?? {})) target.set(k, String(v));
    };
    fill(this.script, saved.script);
    fill(this.document, saved.document);
    this.users.clear();
    for (const [email, store] of Object.entries(saved.user ?? {})) fill(this.userStore(email), store);
    this.quota = saved.quota ?? { day: -1, count: 0, limit: DEFAULT_DAILY_QUOTA };
  }

  /** One read or write against the day's quota (the day of the virtual clock, UTC). */
  spend(): void {
    const day = Math.floor(this.rt.clock.now() / DAY_MS);
    if (day !== this.quota.day) this.quota = { ...this.quota, day, count: 0 };
    if (this.quota.count >= this.quota.limit) throw new Error(DAILY_QUOTA);
    this.quota.count += 1;
  }

  setDailyQuota(limit: number): void {
    this.quota.limit = limit;
  }

  usedToday(): number {
    return this.quota.day === Math.floor(this.rt.clock.now() / DAY_MS) ? this.quota.count : 0;
  }

  /** Live view of Script Properties. */
  scriptStore(): Map<string, string> {
    return this.script;
  }

  userStore(email: string): Map<string, string> {
    const key = email.toLowerCase();
    let store = this.users.get(key);
    if (!store) {
      store = new Map();
      this.users.set(key, store);
    }
    return store;
  }

  documentStore(): Map<string, string> {
    return this.document;
  }
}
