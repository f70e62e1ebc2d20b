// The admin console's routes: the page itself and the JSON it reads (everything from the emulator's state).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalWorld } from './world';
import { sendJson } from './http';
import { snapshot } from './views';

export async function routeConsole(world: LocalWorld, method: string, path: string, _url: URL, _req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (method === 'GET' && path === '/api/state') {
    sendJson(res, 200, snapshot(world));
    return true;
  }
  return false;
}
