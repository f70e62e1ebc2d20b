// Who may talk to the local server. It runs any public function as the owner, so a web page open in
// the developer's browser must not reach it: a cross-site POST with text/plain needs no preflight, and
// DNS rebinding makes a foreign name resolve to 127.0.0.1. Every request must name this server in its
// Host; every route but the web app (/exec, Stripe's webhook target, and its /echo answers) also refuses
// a foreign Origin and a cross-site or same-site (another port) fetch.
import type { IncomingHttpHeaders } from 'node:http';

/** Why the request is refused (French, for the page or script that sent it), or null to serve it. */
export function refusal(headers: IncomingHttpHeaders, port: number, path: string): string | null {
  const hosts = [`localhost:${port}`, `127.0.0.1:${port}`];
  const host = (headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return `Requête refusée : le serveur local ne répond qu'à http://localhost:${port} (hôte reçu : ${host || 'aucun'}).`;
  if (path === '/exec' || path.startsWith('/exec/') || path.startsWith('/echo/')) return null;
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return `Requête refusée : elle vient d'une autre page (${origin}) ; seule la console http://localhost:${port} peut agir sur le serveur local.`;
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return `Requête refusée : elle vient d'un autre site ; ouvrez http://localhost:${port} directement.`;
  }
  return null;
}
