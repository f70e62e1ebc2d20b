// Where the write-ahead copy of a plan lives: Script Properties, which hold 9 KB a value. A plan that
// does not fit one value (a checkout of many lines) is cut into several, all written by one
// setProperties call, so a saved plan is whole or absent. A plan whose replay keeps failing is set
// aside in Drive (quarantine) after a few tries, with one alert, so it cannot block every later event.
import { decodePlan, encodePlan, type Plan } from '../domain/plan';
import { chunkUtf8 } from '../domain/values';
import { md5WebSafe } from './digest';
import { deleteProperties, planPartProperty, PROPERTY, readAllProperties, readProperty, writeProperties } from './scriptProperties';

/** Under the 9 KB (9,216 bytes) of a Property value. */
const CHUNK_BYTES = 9000;
/**
 * A plan of more parts than this is saved gzipped (base64, marked GZIP_MARK): a calendar sync's page of
 * 100 changes is about 110 KB of JSON and 10 KB gzipped, two parts instead of thirteen, and the parts a
 * forgotten plan leaves for the next save to remove (one Properties call each) stay few.
 */
const PLAIN_PARTS_MAX = 4;
const GZIP_MARK = 'gz:';
/**
 * A pending plan replayed this many times without success is set aside. Counted in the script cache:
 * best-effort (an evicted count starts again, which only delays setting the plan aside).
 */
export const MAX_REPLAYS = 3;
const REPLAYS_SECONDS = 6 * 60 * 60;

export interface SavedPlan {
  plan: Plan;
  /** The Script Property keys it occupies. */
  keys: string[];
}

/**
 * One value for a plan that fits (plain JSON, as older versions saved it); else "parts:N" and N-1
 * more, all in one Properties call with `extra` (other properties written with the copy: the
 * numbering counters), so a saved plan is whole or absent. `plan` null: `extra` alone. Parts a bigger
 * plan left behind are removed (see forgetPlan). Returns the keys written.
 */
export function savePlan(plan: Plan | null, extra: Record<string, string> = {}): string[] {
  if (!plan) {
    writeProperties(extra);
    return [];
  }
  const json = encodePlan(plan);
  let chunks = chunkUtf8(json, CHUNK_BYTES);
  if (chunks.length > PLAIN_PARTS_MAX) chunks = chunkUtf8(GZIP_MARK + gzipText(json), CHUNK_BYTES);
  const keys = chunks.map((_, i) => (i === 0 ? PROPERTY.pendingPlan : planPartProperty(i)));
  const values = Object.fromEntries(keys.map((key, i) => [key, i === 0 && chunks.length > 1 ? `parts:${chunks.length}\n${chunks[0]}` : chunks[i]]));
  writeProperties({ ...extra, ...values });
  const partPrefix = `${PROPERTY.pendingPlan}_`;
  deleteProperties(Object.keys(readAllProperties()).filter((key) => key.startsWith(partPrefix) && !keys.includes(key)));
  return keys;
}

export function loadPlan(): SavedPlan | null {
  const head = readProperty(PROPERTY.pendingPlan);
  if (!head) return null;
  const parts = /^parts:(\d+)\n/.exec(head);
  if (!parts) return { plan: decodeSaved(head), keys: [PROPERTY.pendingPlan] };
  const all = readAllProperties();
  const keys: string[] = [PROPERTY.pendingPlan];
  let text = head.slice(parts[0].length);
  for (let i = 1; i < Number(parts[1]); i++) {
    keys.push(planPartProperty(i));
    text += all[planPartProperty(i)] ?? '';
  }
  return { plan: decodeSaved(text), keys };
}

/** A saved plan's text: JSON, or gzipped JSON in base64 after GZIP_MARK. */
function decodeSaved(text: string): Plan {
  if (!text.startsWith(GZIP_MARK)) return decodePlan(text);
  const gz = Utilities.newBlob(Utilities.base64Decode(text.slice(GZIP_MARK.length)), 'application/x-gzip');
  return decodePlan(Utilities.ungzip(gz).getDataAsString('UTF-8'));
}

function gzipText(text: string): string {
  return Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(text, 'application/json')).getBytes());
}

/**
 * Removes the plan's head, which is what makes it pending (one call, whatever its size); its other
 * parts, ignored without the head, are overwritten or removed by the next plan saved.
 */
export function forgetPlan(): void {
  deleteProperties([PROPERTY.pendingPlan]);
}

const replaysKey = (plan: Plan) => `carnet:replays:${md5WebSafe(plan.cause)}`;

/** Counts one more replay of this plan (before it runs: a run that dies counts too); returns the count. */
export function countReplay(plan: Plan): number {
  const cache = CacheService.getScriptCache();
  const n = Number(cache.get(replaysKey(plan)) ?? '0') + 1;
  cache.put(replaysKey(plan), String(n), REPLAYS_SECONDS);
  return n;
}

/** Writes the plan to Carnet/Quarantaine/ in Drive (for the admin or support to look at) and returns the file's URL, '' when Drive fails. */
export function quarantine(saved: SavedPlan, folderId: string): string {
  CacheService.getScriptCache().remove(replaysKey(saved.plan));
  try {
    const root = DriveApp.getFolderById(folderId);
    const found = root.getFoldersByName('Quarantaine');
    const folder = found.hasNext() ? found.next() : root.createFolder('Quarantaine');
    const name = `${saved.plan.cause.replace(/[^\w:.-]/g, '_')} ${new Date().toISOString()}.json`;
    return folder.createFile(name, encodePlan(saved.plan), 'application/json').getUrl();
  } catch (error) {
    console.error(`Quarantine not written to Drive (${String(error)}): ${encodePlan(saved.plan)}`);
    return '';
  }
}
