// Messages that a run every 10 minutes would otherwise repeat: the script cache remembers each one
// (by its MD5) for 6 hours, so the admin reads it once, not 36 times.
import { md5WebSafe } from './digest';

const REMEMBER_SECONDS = 6 * 60 * 60;

/** True the first time `key` is seen in 6 hours (it is then remembered), false while it is remembered. */
export function firstIn6Hours(scope: 'alert' | 'note', key: string): boolean {
  const cache = CacheService.getScriptCache();
  const cacheKey = `${scope}:${md5WebSafe(key)}`;
  if (cache.get(cacheKey)) return false;
  cache.put(cacheKey, '1', REMEMBER_SECONDS);
  return true;
}
