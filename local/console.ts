// The admin console and the shop: their pages (local/pages/*.html) and the JSON they read and post.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalWorld } from './world';
import { readJson, send, sendJson, sendText } from './http';
import { shopState, snapshot } from './views';
import { advanceClock, book, cancelBooking, completeSession, dispute, pay, refund } from './actions';
import { LocalError } from './state';

const PAGES = join(__dirname, 'pages');
const HOUR = 3600 * 1000;
const STEPS: Record<string, number> = { '1h': HOUR, '1d': 24 * HOUR, '7d': 7 * 24 * HOUR };

type Action = (world: LocalWorld, body: Record<string, unknown>) => unknown;

const ACTIONS: Record<string, Action> = {
  '/api/clock': (world, body) => advanceClock(world, STEPS[String(body.step)] ?? Number(body.ms)),
  '/api/shop/pay': (world, body) => pay(world, body),
  '/api/shop/complete': (world, body) => completeSession(world, body),
  '/api/shop/refund': (world, body) => refund(world, body),
  '/api/shop/dispute': (world, body) => dispute(world, body),
  '/api/shop/book': (world, body) => book(world, body),
  '/api/shop/cancel': (world, body) => {
    cancelBooking(world, body);
    return {};
  },
};

export async function routeConsole(world: LocalWorld, method: string, path: string, _url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (method === 'GET') {
    if (path === '/' || path === '/outbox' || path === '/drive') return page(res, 'console.html');
    if (path === '/shop') return page(res, 'shop.html');
    if (path === '/api/state') {
      world.tick();
      sendJson(res, 200, snapshot(world));
      return true;
    }
    if (path === '/api/shop') {
      world.tick();
      sendJson(res, 200, shopState(world));
      return true;
    }
    if (path === '/api/stripe/events') {
      // The fake Stripe's events, newest first: what `stripe events list` would show.
      sendJson(res, 200, world.realStripe ? [] : world.emu.stripe.events().reverse());
      return true;
    }
    const attachment = /^\/outbox\/(\d+)\/(\d+)$/.exec(path);
    if (attachment) return serveAttachment(world, Number(attachment[1]), Number(attachment[2]), res);
    const file = /^\/drive\/([\w-]+)$/.exec(path);
    if (file) return serveDriveFile(world, file[1], res);
    return false;
  }
  if (method === 'POST' && ACTIONS[path]) {
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch {
      sendJson(res, 400, { ok: false, error: 'Requête illisible : un objet JSON est attendu.' });
      return true;
    }
    try {
      world.tick();
      const value = await ACTIONS[path](world, body);
      sendJson(res, 200, { ok: true, ...(value as object) });
    } catch (error) {
      if (error instanceof LocalError) sendJson(res, 400, { ok: false, error: error.message });
      else sendJson(res, 500, { ok: false, error: `Erreur inattendue : ${(error as Error).message}` });
    }
    return true;
  }
  return false;
}

function page(res: ServerResponse, name: string): true {
  send(res, 200, 'text/html; charset=utf-8', readFileSync(join(PAGES, name), 'utf8'));
  return true;
}

function serveAttachment(world: LocalWorld, i: number, j: number, res: ServerResponse): true {
  const attachment = world.emu.mail.outbox()[i]?.attachments[j];
  if (!attachment) {
    sendText(res, 404, 'Pièce jointe introuvable.');
    return true;
  }
  const name = attachment.name ?? `piece-${j + 1}`;
  send(res, 200, attachment.contentType ?? 'application/octet-stream', attachment.bytes, {
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
  return true;
}

function serveDriveFile(world: LocalWorld, id: string, res: ServerResponse): true {
  const emu = world.emu;
  const info = emu.drive.file(id);
  if (!info || info.trashed) {
    sendText(res, 404, 'Fichier introuvable dans le Drive.');
    return true;
  }
  if (info.mimeType === 'application/vnd.google-apps.folder') {
    res.writeHead(302, { Location: '/#drive' });
    res.end();
    return true;
  }
  if (info.mimeType === 'application/vnd.google-apps.document') {
    sendText(res, 200, emu.documents.text(id));
    return true;
  }
  send(res, 200, info.mimeType, emu.drive.bytes(id), { 'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(info.name)}` });
  return true;
}
