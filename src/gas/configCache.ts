// The settings and the catalogue are read by every event; they change rarely, by hand. Both tabs'
// contents are kept in the script cache for 10 minutes and forgotten as soon as either tab is edited
// (the simple onEdit trigger) or written by Carnet itself, so that an event costs two calls less each.
import { TABS } from '../domain/schema';
import type { CellValue } from '../domain/schema';

const KEY = 'carnet:config:v1';
const TTL_SECONDS = 600;
/** CacheService refuses values over 100 KB: a bigger catalogue is simply read each time. */
const MAX_CHARS = 90000;

export interface ConfigBlocks {
  settings: CellValue[][] | null;
  products: CellValue[][] | null;
}

export function cachedConfig(): ConfigBlocks | null {
  const raw = CacheService.getScriptCache().get(KEY);
  return raw ? (JSON.parse(raw) as ConfigBlocks) : null;
}

export function rememberConfig(blocks: ConfigBlocks): void {
  const raw = JSON.stringify(blocks);
  if (raw.length <= MAX_CHARS) CacheService.getScriptCache().put(KEY, raw, TTL_SECONDS);
}

export function forgetConfig(): void {
  CacheService.getScriptCache().remove(KEY);
}

/** onEdit: an edit of Paramètres or Produits makes the next event read them again. */
export function forgetConfigOnEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  const name = e?.range?.getSheet().getName();
  if (name === TABS.settings || name === TABS.products) forgetConfig();
  if (name === TABS.templates) CacheService.getScriptCache().remove(TEMPLATES_KEY);
}

/** The `Modèles` tab's block, cached the same way (app/delivery.ts reads and fills it). */
export const TEMPLATES_KEY = 'carnet:templates:v1';
