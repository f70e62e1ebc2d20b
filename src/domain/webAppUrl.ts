// What a deployed web app's address looks like: …/macros/s/<id>/exec (the /dev test URL only works
// for the owner and editors).
export type WebAppUrlProblem = 'dev' | 'invalid';

/** Why `url` is not a deployed web app's address, or null when it is (the local emulator's http://localhost too). */
export function webAppUrlProblem(url: string): WebAppUrlProblem | null {
  const match = /^(https?):\/\/([^/?#]+)(\/[^?#]*)?([?#].*)?$/.exec(url.trim());
  if (!match) return 'invalid';
  const parsed = { protocol: match[1], host: match[2].toLowerCase(), path: match[3] ?? '', rest: match[4] ?? '' };
  if (/\/dev\/?$/.test(parsed.path)) return 'dev';
  if (!/\/exec$/.test(parsed.path) || parsed.rest) return 'invalid';
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(parsed.host);
  if (parsed.protocol !== 'https' && !local) return 'invalid';
  return null;
}
