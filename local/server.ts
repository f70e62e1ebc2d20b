// The local server: the built bundle on the emulator, its state under `.local/`, served over HTTP.
//   /exec           the web app (doGet / doPost as Apps Script receives them)
//   /ui/<fn>        runs a menu function as the owner and serves the sidebar/dialog it showed, with
//                   google.script.run wired to /run/<name> (see bridge.ts)
//   /run/<name>     POST { args } → { ok, value } | { ok: false, error }
//   /, /shop, /api  the admin console, the shop that plays the client, their JSON (console.ts, shop.ts)
// Only this server's own pages may call it (guard.ts): foreign Host, Origin or cross-site fetch → 403.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Emulator } from '../emulator/src';
import { clientScript, injectClient, publicFunctions, runForPage } from './bridge';
import { LocalError } from './state';
import { execEvent, execAnswer } from './web';
import { escapeHtml, sendHtml, sendJson, readBody, sendText } from './http';
import { LocalWorld } from './world';
import { routeConsole } from './console';
import { deliverPending } from './actions';
import { refusal } from './guard';

export interface StartOptions {
  /** 0 = a free port (tests). Default 8080. */
  port?: number;
  /** Where the state lives (default `.local`). */
  stateDir?: string;
  /** Start fresh (the previous state is moved aside, not deleted). */
  reset?: boolean;
  /** No console output. */
  quiet?: boolean;
  /** The built project to load (default `dist`). */
  bundleDir?: string;
  /** Real-clock tick in ms (time-driven triggers fire on the real clock too); 0 = none. Default 15 s. */
  tickMs?: number;
  /** STRIPE_SECRET_KEY (default: the environment's; none = the emulator's fake Stripe). */
  stripeKey?: string;
  /** Virtual time a fresh state starts at (default: now; `npm run demo` starts on a fixed Monday). */
  start?: number;
  /** Follow the real clock (default true); false: time moves only with the clock controls. */
  realClock?: boolean;
}

export interface LocalServer {
  url: string;
  port: number;
  emulator: Emulator;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<LocalServer> {
  const bundleDir = resolve(options.bundleDir ?? 'dist');
  if (!existsSync(join(bundleDir, 'Code.js'))) {
    throw new LocalError(`Pas de build : ${join(bundleDir, 'Code.js')} est introuvable. Lancez npm run build (npm start le fait avant de démarrer).`);
  }
  const world = new LocalWorld({
    stateDir: resolve(options.stateDir ?? '.local'),
    bundleDir,
    stripeKey: options.stripeKey ?? process.env.STRIPE_SECRET_KEY,
    start: options.start,
    realClock: options.realClock,
    log: options.quiet ? () => {} : (line) => console.log(line),
  });
  if (options.reset) world.reset();
  world.open();

  let port = 0;
  const server = createServer((req, res) => {
    const refused = refusal(req.headers, port, new URL(req.url ?? '/', 'http://localhost').pathname);
    if (refused) return sendText(res, 403, refused);
    handle(world, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Erreur du serveur local : ${(error as Error).message}`);
      else res.end();
    });
  });
  port = await listen(server, options.port ?? 8080);
  const url = `http://localhost:${port}`;
  try {
    world.attach(url);
  } catch (error) {
    server.close();
    throw error;
  }

  const tickMs = options.tickMs ?? 15000;
  const timer =
    tickMs > 0 && options.realClock !== false
      ? setInterval(() => {
          world.tick();
          void deliverPending(world).catch(() => {});
        }, tickMs)
      : null;
  timer?.unref();
  if (!options.quiet) for (const line of world.banner()) console.log(line);

  return {
    url,
    port,
    emulator: world.emu,
    close: () =>
      new Promise<void>((done) => {
        if (timer) clearInterval(timer);
        world.saveIfChanged();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new LocalError(
            `Le port ${port} est déjà utilisé (un autre npm start tourne peut-être). Choisissez-en un autre : npm start -- --port ${port + 1}  (ou PORT=${port + 1} npm start).`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(new LocalError(`Le port ${port} est réservé au système. Choisissez un port au-dessus de 1024 : npm start -- --port 8080.`));
      } else reject(error);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function handle(world: LocalWorld, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path === '/exec' || path.startsWith('/exec/')) {
    if (method !== 'GET' && method !== 'POST') return sendText(res, 405, 'GET ou POST seulement.');
    const body = method === 'POST' ? await readBody(req) : null;
    const event = execEvent(url, path.slice('/exec'.length), body, req.headers['content-type']);
    const answer = world.execute(() => execAnswer(world.emu, method === 'POST' ? 'doPost' : 'doGet', event));
    return world.sendExecAnswer(res, answer);
  }
  if (path.startsWith('/echo/')) return world.sendEcho(res, path.slice('/echo/'.length));

  if (path.startsWith('/ui/') && method === 'GET') return serveUi(world, decodeURIComponent(path.slice(4)), url.searchParams.has('frame'), res);
  if (path.startsWith('/run/') && method === 'POST') {
    const name = decodeURIComponent(path.slice(5));
    let args: unknown;
    try {
      args = (JSON.parse((await readBody(req)).toString('utf8') || '{}') as { args?: unknown }).args ?? [];
    } catch {
      return sendJson(res, 400, { ok: false, error: { name: 'Error', message: 'Error: corps JSON illisible' } });
    }
    return sendJson(
      res,
      200,
      world.execute(() => runForPage(world.emu, name, args)),
    );
  }
  if (path === '/ui-closed' && method === 'POST') {
    world.uiClosed += 1;
    return sendJson(res, 200, { ok: true });
  }
  if (await routeConsole(world, method, path, url, req, res)) return;
  sendText(res, 404, `Page introuvable : ${path}`);
}

/** Runs `<fn>` as the owner (a menu item) and serves the sidebar or dialog it showed. */
function serveUi(world: LocalWorld, fn: string, framed: boolean, res: ServerResponse): void {
  const emu = world.emu;
  if (!/^[A-Za-z_$][\w$]*$/.test(fn) || !publicFunctions(emu).includes(fn)) {
    return sendHtml(res, 404, page('Fonction introuvable', `<p>Le projet n'a pas de fonction publique <code>${escapeHtml(fn)}</code>.</p>`));
  }
  const dialogsBefore = emu.spreadsheet.dialogs().length;
  const alertsBefore = emu.spreadsheet.alerts().length;
  let failure: Error | null = null;
  world.execute(() => {
    try {
      emu.run(fn, [], 'owner');
    } catch (error) {
      failure = error as Error;
    }
  });
  const shown = emu.spreadsheet.dialogs().slice(dialogsBefore).pop();
  const alerts = emu.spreadsheet.alerts().slice(alertsBefore);
  if (!shown) {
    const parts = alerts.map((a) => `<div class="alert"><b>${escapeHtml(a.title ?? '')}</b><pre>${escapeHtml(a.prompt)}</pre></div>`);
    if (failure) parts.push(`<p class="error">Erreur : ${escapeHtml(String((failure as Error).message))}</p>`);
    if (!parts.length) parts.push(`<p><code>${escapeHtml(fn)}</code> s'est exécutée sans ouvrir de barre latérale ni de boîte de dialogue.</p>`);
    return sendHtml(res, failure ? 500 : 200, page(fn, parts.join('\n')));
  }
  const output = shown.output as { state?: { content: string; title: string; width: number | null; height: number | null } };
  const content = emu.html.describeOutput(shown.output).content;
  if (!framed) return sendHtml(res, 200, injectClient(content, clientScript(publicFunctions(emu))));
  const title = shown.title ?? output.state?.title ?? '';
  return sendHtml(res, 200, framePage(fn, shown.kind, title, output.state?.width ?? null, output.state?.height ?? null));
}

/** The sidebar or dialog as Sheets shows it: a 300-px panel on the right, or a centred dialog. */
function framePage(fn: string, kind: 'sidebar' | 'modal' | 'modeless', title: string, width: number | null, height: number | null): string {
  const src = `/ui/${encodeURIComponent(fn)}`;
  const frame =
    kind === 'sidebar'
      ? `<aside class="sidebar"><header>${escapeHtml(title)}<button onclick="this.closest('aside').remove()" title="Fermer">×</button></header><iframe name="ui" src="${src}"></iframe></aside>`
      : `<div class="backdrop${kind === 'modal' ? ' modal' : ''}"><div class="dialog" style="width:${width ?? 600}px;height:${(height ?? 400) + 40}px"><header>${escapeHtml(title)}<button onclick="this.closest('.backdrop').remove()" title="Fermer">×</button></header><iframe name="ui" src="${src}"></iframe></div></div>`;
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title || fn)}</title><style>
body{margin:0;font:14px system-ui,sans-serif;background:#f1f3f4;height:100vh}
.sheet{position:absolute;inset:0 300px 0 0;padding:16px;color:#5f6368}
.sidebar{position:fixed;top:0;right:0;bottom:0;width:300px;background:#fff;border-left:1px solid #dadce0;display:flex;flex-direction:column}
.sidebar iframe{flex:1;border:0;width:300px}
header{display:flex;justify-content:space-between;align-items:center;padding:10px 12px;font-size:16px;border-bottom:1px solid #dadce0}
header button{border:0;background:none;font-size:20px;cursor:pointer}
.backdrop{position:fixed;inset:0;display:flex;align-items:center;justify-content:center}
.backdrop.modal{background:rgba(0,0,0,.4)}
.dialog{background:#fff;box-shadow:0 4px 24px rgba(0,0,0,.3);display:flex;flex-direction:column}
.dialog iframe{flex:1;border:0}
</style></head><body><div class="sheet"><a href="/">← Console Carnet</a></div>${frame}
<script>addEventListener('message',function(e){if(e.data&&e.data.carnet==='close'){var f=document.querySelector('.sidebar,.backdrop');if(f)f.remove();}});</script>
</body></html>`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font:14px system-ui,sans-serif;margin:24px">${body}<p><a href="/">← Console Carnet</a></p></body></html>`;
}
