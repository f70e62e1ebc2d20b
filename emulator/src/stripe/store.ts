// The fake's storage: every object (events included) with its mode, creation order and the hidden
// data Stripe keeps beside it (a session's line items…); event emission; lists; expansion.
import { invalid, noSuch } from './errors';
import { IdGenerator } from './ids';
import { DAY_S, event as eventShape, Json, JsonObject, list } from './objects';
import { Range } from './schema';

export interface StoredObject {
  id: string;
  type: string;
  livemode: boolean;
  seq: number;
  created: number;
  data: JsonObject;
  hidden: JsonObject;
}

/** What caused a change: an API request (its id and Idempotency-Key) or, for helpers, nobody's request. */
export interface Origin {
  livemode: boolean;
  request: { id: string | null; idempotency_key: string | null };
}

export const EVENT_RETENTION_S = 30 * DAY_S;

export function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface ListOptions {
  limit?: number;
  startingAfter?: string | null;
  endingBefore?: string | null;
  created?: Range | null;
}

export class StripeStore {
  readonly ids = new IdGenerator();
  private readonly objects = new Map<string, StoredObject>();
  private seq = 0;

  constructor(private readonly nowMs: () => number) {}

  /** Virtual time in seconds, as Stripe's timestamps are. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  insert(type: string, livemode: boolean, data: JsonObject, hidden: JsonObject = {}, created?: number): StoredObject {
    const id = String(data.id);
    const stored: StoredObject = {
      id,
      type,
      livemode,
      seq: ++this.seq,
      created: created ?? (typeof data.created === 'number' ? data.created : this.now()),
      data,
      hidden,
    };
    this.objects.set(id, stored);
    return stored;
  }

  remove(id: string): void {
    this.objects.delete(id);
  }

  find(id: string): StoredObject | undefined {
    return this.objects.get(id);
  }

  /** An object of `type` in the caller's mode, or Stripe's 404 (with its hint when it exists in the other mode). */
  get(type: string, id: string, livemode: boolean, param = 'id'): StoredObject {
    const found = this.objects.get(id);
    if (found && found.type === type && found.livemode === livemode && found.hidden.deleted !== true) return found;
    const otherMode = found && found.type === type && found.hidden.deleted !== true ? (found.livemode ? 'live' : 'test') : undefined;
    throw noSuch(type, id, param, otherMode);
  }

  all(type?: string, livemode?: boolean): StoredObject[] {
    const out: StoredObject[] = [];
    for (const o of this.objects.values()) {
      if (type !== undefined && o.type !== type) continue;
      if (livemode !== undefined && o.livemode !== livemode) continue;
      if (o.hidden.deleted === true) continue;
      out.push(o);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Records a field change and returns Stripe's `previous_attributes` for it. */
  update(obj: StoredObject, changes: JsonObject): JsonObject {
    const previous: JsonObject = {};
    for (const [key, value] of Object.entries(changes)) {
      const old = obj.data[key] ?? null;
      if (JSON.stringify(old) !== JSON.stringify(value)) previous[key] = clone(old);
      obj.data[key] = value;
    }
    return previous;
  }

  /** Enabled webhook endpoints of that mode listening to `type`: the event's `pending_webhooks`. */
  pendingWebhooks(type: string, livemode: boolean): number {
    return this.all('webhook_endpoint', livemode).filter((w) => {
      const events = w.data.enabled_events;
      return w.data.status === 'enabled' && Array.isArray(events) && (events.includes('*') || events.includes(type));
    }).length;
  }

  /** Creates an event whose `data.object` is a snapshot of the object now. */
  emit(type: string, object: StoredObject, origin: Origin, previous?: JsonObject, created?: number): JsonObject {
    const data = eventShape({
      id: this.ids.id('evt'),
      created: created ?? this.now(),
      livemode: object.livemode,
      type,
      object: clone(object.data),
      previousAttributes: previous && Object.keys(previous).length ? previous : undefined,
      pendingWebhooks: this.pendingWebhooks(type, object.livemode),
      request: origin.livemode === object.livemode ? origin.request : { id: null, idempotency_key: null },
    });
    this.insert('event', object.livemode, data);
    return clone(data);
  }

  isRetained(event: StoredObject): boolean {
    return event.created > this.now() - EVENT_RETENTION_S;
  }

  /** A page of a list, newest first, as `GET /v1/<objects>` returns it. */
  page(items: StoredObject[], url: string, options: ListOptions, type = items[0]?.type ?? 'object'): JsonObject {
    let sorted = items.filter((o) => inRange(o.created, options.created)).sort((a, b) => b.created - a.created || b.seq - a.seq);
    const limit = options.limit ?? 10;
    if (options.startingAfter && options.endingBefore) {
      throw invalid('You may only specify one of these parameters: ending_before, starting_after.', undefined);
    }
    if (options.endingBefore) {
      const i = sorted.findIndex((o) => o.id === options.endingBefore);
      if (i < 0) throw noSuch(type, options.endingBefore, 'ending_before');
      const before = sorted.slice(0, i);
      return list(
        url,
        before.slice(Math.max(0, before.length - limit)).map((o) => clone(o.data)),
        before.length > limit,
      );
    }
    if (options.startingAfter) {
      const i = sorted.findIndex((o) => o.id === options.startingAfter);
      if (i < 0) throw noSuch(type, options.startingAfter, 'starting_after');
      sorted = sorted.slice(i + 1);
    }
    return list(
      url,
      sorted.slice(0, limit).map((o) => clone(o.data)),
      sorted.length > limit,
    );
  }

  save(): unknown {
    return { seq: this.seq, ids: this.ids.save(), objects: [...this.objects.values()] };
  }

  load(data: unknown): void {
    const state = data as { seq: number; ids: number; objects: StoredObject[] } | null;
    this.objects.clear();
    if (!state) return;
    this.seq = state.seq;
    this.ids.load(state.ids);
    for (const o of state.objects) this.objects.set(o.id, o);
  }
}

export function inRange(value: number, range: Range | null | undefined): boolean {
  if (!range) return true;
  if (range.gt !== undefined && !(value > range.gt)) return false;
  if (range.gte !== undefined && !(value >= range.gte)) return false;
  if (range.lt !== undefined && !(value < range.lt)) return false;
  if (range.lte !== undefined && !(value <= range.lte)) return false;
  return true;
}

/** Stripe's `expand[]`: replaces ids by objects (dotted paths, `data.` inside lists). */
export function expand(
  store: StripeStore,
  root: JsonObject,
  paths: string[],
  livemode: boolean,
  special: (obj: JsonObject, field: string) => Json | undefined,
): JsonObject {
  for (const path of paths) {
    if (path.split('.').length > 4) throw invalid(`You cannot expand more than 4 levels of a property. Property: ${path}`, 'expand');
    expandPath(store, root, path.split('.'), path, livemode, special);
  }
  return root;
}

function expandPath(
  store: StripeStore,
  node: JsonObject,
  segments: string[],
  path: string,
  livemode: boolean,
  special: (obj: JsonObject, field: string) => Json | undefined,
): void {
  const [field, ...rest] = segments;
  if (node.object === 'list' && field === 'data' && Array.isArray(node.data)) {
    for (const item of node.data) if (item && typeof item === 'object' && !Array.isArray(item)) expandPath(store, item, rest, path, livemode, special);
    return;
  }
  if (!(field in node)) {
    const replaced = special(node, field);
    if (replaced === undefined) throw invalid(`This property cannot be expanded (${field}).`, 'expand');
    node[field] = replaced;
  } else {
    const value = node[field];
    if (typeof value === 'string') {
      const target = store.find(value);
      if (!target || target.livemode !== livemode || target.type === 'event') throw invalid(`This property cannot be expanded (${field}).`, 'expand');
      node[field] = clone(target.data);
    } else if (value !== null && (typeof value !== 'object' || Array.isArray(value)) && rest.length === 0) {
      throw invalid(`This property cannot be expanded (${field}).`, 'expand');
    }
  }
  const next = node[field];
  if (rest.length && next && typeof next === 'object' && !Array.isArray(next)) expandPath(store, next, rest, path, livemode, special);
  // Inside an array of hashes (a session's `discounts`), the path applies to each one: `discounts.promotion_code`.
  else if (rest.length && Array.isArray(next))
    for (const item of next) if (item && typeof item === 'object' && !Array.isArray(item)) expandPath(store, item, rest, path, livemode, special);
}
