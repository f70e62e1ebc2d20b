// The settings and the catalogue are read by every event; they change rarely, by hand. Both tabs'
// contents are kept in the script cache for 30 minutes (longer than the backstop's 10-minute period, so
// its idle runs find them there) and forgotten as soon as either tab is edited
// (the simple onEdit trigger) or written by Carnet itself, so that an event costs two calls less each.
// The `Modèles` tab (the e-mail texts) is kept the same way, under its own key.
import { TABS } from '../domain/schema';
import type { CellValue } from '../domain/schema';
import { utf8Length } from '../domain/values';

const CONFIG_KEY = 'carnet:config:v1';
const TEMPLATES_KEY = 'carnet:templates:v1';
const TTL_SECONDS = 30 * 60;
/** CacheService refuses values over 100 KB (bytes, not characters): a bigger block is simply read each time. */
const MAX_BYTES = 90 * 1024;

export interface ConfigBlocks {
  settings: CellValue[][] | null;
  products: CellValue[][] | null;
}

/** The cached value of `key`, else `read()`, remembered when `keep` allows and it fits in the cache. */
function cached<T>(key: string, read: () => T, keep: (value: T) => boolean, look = true): T {
  const cache = CacheService.getScriptCache();
  const raw = look ? cache.get(key) : null;
  if (raw) return JSON.parse(raw) as T;
  const value = read();
  const json = JSON.stringify(value);
  if (keep(value) && utf8Length(json) <= MAX_BYTES) cache.put(key, json, TTL_SECONDS);
  return value;
}

const keepBlocks = (blocks: ConfigBlocks) => blocks.settings !== null && blocks.products !== null;

/** Both small tabs; only kept once both exist (before setup, the next run looks again). */
export function cachedConfig(read: () => ConfigBlocks): ConfigBlocks {
  return cached(CONFIG_KEY, read, keepBlocks);
}

/** Both small tabs from the cache, null when it lost them. */
export function readCachedConfig(): ConfigBlocks | null {
  const raw = CacheService.getScriptCache().get(CONFIG_KEY);
  return raw ? (JSON.parse(raw) as ConfigBlocks) : null;
}

/** Both small tabs, just read by someone else (gas/layout.ts): kept as cachedConfig would. */
export function keepConfig(blocks: ConfigBlocks): ConfigBlocks {
  return cached(CONFIG_KEY, () => blocks, keepBlocks, false);
}

/** The `Modèles` tab as rows, header first. */
export function cachedTemplates(read: () => CellValue[][]): CellValue[][] {
  return cached(TEMPLATES_KEY, read, () => true);
}

const EDITED_KEY = 'carnet:config:edited';

/** Forgets the cached tabs, nothing more: the next read takes them from the sheet. */
export function dropConfigCache(): void {
  CacheService.getScriptCache().remove(CONFIG_KEY);
}

/** Notes that Paramètres or Produits was just edited: events that failed before this are retried at once (a fixed product). */
export function markConfigEdited(): void {
  CacheService.getScriptCache().put(EDITED_KEY, String(Date.now()), 6 * 3600);
}

/**
 * After an edit of Paramètres or Produits (onEdit, setup, the wizard, product links): forgets the cache and
 * notes the edit. Not for a mere re-read (Workbook.reloadConfig): a failing event would look like an edit and
 * every other failed event would be retried at once, defeating their back-off.
 */
export function forgetConfig(): void {
  dropConfigCache();
  markConfigEdited();
}

/** When Paramètres or Produits was last edited (by hand or by Carnet), if within 6 hours. */
export function configEditedAt(): number | null {
  const at = Number(CacheService.getScriptCache().get(EDITED_KEY));
  return at > 0 ? at : null;
}

export function forgetTemplates(): void {
  CacheService.getScriptCache().remove(TEMPLATES_KEY);
}

/** onEdit: an edit of Paramètres or Produits makes the next event read them again; the same for Modèles. */
export function forgetConfigOnEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  const name = e?.range?.getSheet().getName();
  if (name === TABS.settings || name === TABS.products) forgetConfig();
  if (name === TABS.templates) forgetTemplates();
}
