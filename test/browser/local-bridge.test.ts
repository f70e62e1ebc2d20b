// google.script.run and google.script.host in a real Chromium, against the local server running a
// small fixture project (test/local/fixtures/ui-bundle): handlers, user objects, errors, the types
// Apps Script refuses, private functions, and the state saved after each call.
// Reference: developers.google.com/apps-script/guides/html/reference/run and guides/html/communication.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startServer, type LocalServer } from '../../local/server';
import { artifact, browserAndServer, type BrowserWorld } from './chromium';

// Code passed to frame.evaluate runs in the page, where these exist (the project's tsconfig has no DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;

const BUNDLE = join(__dirname, '..', 'local', 'fixtures', 'ui-bundle');

let world: BrowserWorld;
let browser: Browser;
let server: LocalServer;
let page: Page;
let frame: Frame;

beforeAll(async () => {
  world = await browserAndServer('bridge', { bundleDir: BUNDLE });
  ({ browser, server } = world);
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(`${server.url}/ui/openSidebar?frame=1`);
  const handle = await page.waitForSelector('iframe[name=ui]');
  frame = (await handle.contentFrame()) as Frame;
  await frame.waitForSelector('#ready');
});

afterAll(async () => {
  await world?.close();
});

async function result(key: string): Promise<Record<string, unknown>> {
  await frame.waitForFunction((k) => window.results[k] !== undefined, key);
  return frame.evaluate((k) => window.results[k], key);
}

test('the sidebar is shown 300 px wide, with its title, as in Sheets', async () => {
  const box = await (await page.$('iframe[name=ui]'))!.boundingBox();
  expect(box?.width).toBe(300);
  expect(await page.textContent('aside header')).toContain('Essai du pont');
  await page.screenshot({ path: artifact('local-sidebar.png') });
});

test('a call reaches the server function as the owner; the success handler gets the value and the user object', async () => {
  await frame.evaluate(() => {
    const g = window.google;
    g.script.run
      .withSuccessHandler(window.done('echo'))
      .withUserObject({ row: 3 })
      .echo({ list: [1, undefined, 'é'], text: 'bonjour' });
  });
  expect(await result('echo')).toEqual({ value: { received: { list: [1, null, 'é'], text: 'bonjour' }, user: 'prof@example.com' }, user: { row: 3 } });
});

test('handlers are called asynchronously, after the calling code has finished', async () => {
  const order = await frame.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        window.google.script.run
          .withSuccessHandler(() => {
            seen.push('handler');
            resolve(seen);
          })
          .echo(1);
        seen.push('after call');
      }),
  );
  expect(order).toEqual(['after call', 'handler']);
});

test('each with… returns a new runner: settings do not leak into the original one', async () => {
  const same = await frame.evaluate(() => {
    const run = window.google.script.run;
    const withHandler = run.withSuccessHandler(() => {});
    return withHandler === run || typeof withHandler.echo !== 'function';
  });
  expect(same).toBe(false);
});

test('a server error reaches the failure handler as an Error, with the user object', async () => {
  await frame.evaluate(() => {
    window.google.script.run.withFailureHandler(window.failed('refuse')).withUserObject('ctx').refuse('Produit inconnu : XYZ');
  });
  expect(await result('refuse')).toEqual({ message: 'Error: Produit inconnu : XYZ', isError: true, user: 'ctx' });
});

test('a Date returned by the server reaches the page as null', async () => {
  await frame.evaluate(() => window.google.script.run.withSuccessHandler(window.done('date')).withDate());
  expect((await result('date')).value).toBeNull();
});

test('a Date or a function as argument makes the call fail at once, nothing sent', async () => {
  const errors = await frame.evaluate(() => {
    const out: string[] = [];
    for (const bad of [new Date(), { nested: [() => 1] }]) {
      try {
        window.google.script.run.remember(bad);
        out.push('sent');
      } catch (e) {
        out.push((e as Error).message);
      }
    }
    return out;
  });
  expect(errors).toEqual(['Failed due to illegal value in property: 0', 'Failed due to illegal value in property: 0']);
  expect(server.emulator.properties.scriptStore().get('REMEMBERED')).toBeUndefined();
});

test('a form as the only argument arrives as an object of its named fields', async () => {
  await frame.evaluate(() => window.google.script.run.withSuccessHandler(window.done('form')).echo(document.getElementById('f')));
  expect((await result('form')).value).toEqual({ received: { email: 'alice@example.com', ok: 'oui' }, user: 'prof@example.com' });
});

test('a private function (name ending in _) does not exist on google.script.run, and /run refuses it', async () => {
  expect(await frame.evaluate(() => typeof window.google.script.run.hidden_)).toBe('undefined');
  const answer = await (await fetch(`${server.url}/run/hidden_`, { method: 'POST', body: JSON.stringify({ args: [] }) })).json();
  expect(answer).toEqual({ ok: false, error: { name: 'TypeError', message: 'TypeError: google.script.run.hidden_ is not a function' } });
});

test('the state a call leaves is saved: a new server on the same folder sees it', async () => {
  await frame.evaluate(() => window.google.script.run.withSuccessHandler(window.done('remember')).remember('cerise'));
  await result('remember');
  const again = await startServer({ port: 0, stateDir: world.stateDir, bundleDir: BUNDLE, quiet: true, tickMs: 0 });
  try {
    expect(again.emulator.properties.scriptStore().get('REMEMBERED')).toBe('cerise');
  } finally {
    await again.close();
  }
});

test('google.script.host.close() closes the sidebar; setHeight/setWidth exist', async () => {
  await frame.evaluate(() => {
    const host = window.google.script.host;
    host.setHeight(300);
    host.setWidth(200);
    host.close();
  });
  await page.waitForSelector('aside', { state: 'detached' });
  expect(await page.$('iframe[name=ui]')).toBeNull();
});

test('a modal dialog is shown centred at the size the script set, with its title', async () => {
  const dialog = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  try {
    await dialog.goto(`${server.url}/ui/openDialog?frame=1`);
    const box = await (await dialog.waitForSelector('.dialog'))!.boundingBox();
    expect(box?.width).toBe(400);
    expect(await dialog.textContent('.dialog header')).toContain('Un dialogue');
    const inner = await (await dialog.$('iframe[name=ui]'))!.contentFrame();
    expect(await inner!.textContent('#d')).toBe('Dialogue');
  } finally {
    await dialog.close();
  }
});

test('a page of another local server open in the same browser cannot run a function: its text/plain POST (no preflight) is refused', async () => {
  // Another origin the browser lets reach localhost (Chromium blocks a public site's request itself):
  // a page served by another local port, e.g. some dev server the developer runs.
  const other = createServer((_req, res) => res.end('<!DOCTYPE html><title>autre</title>'));
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  server.emulator.properties.scriptStore().set('REMEMBERED', 'avant');
  const foreign = await browser.newPage();
  try {
    await foreign.goto(`http://localhost:${(other.address() as AddressInfo).port}/`);
    const sent = await foreign.evaluate(async (target: string) => {
      try {
        await window.fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ args: ['volé'] }) });
        return 'sent';
      } catch (error) {
        return String(error);
      }
    }, `${server.url}/run/remember`);
    // The request left the browser (an opaque answer): the server, not the browser, refused it.
    expect(sent).toBe('sent');
    expect(server.emulator.properties.scriptStore().get('REMEMBERED')).toBe('avant');
  } finally {
    await foreign.close();
    other.close();
  }
  // The same request from the server's own page is served.
  const own = await browser.newPage();
  try {
    await own.goto(`${server.url}/ui/openSidebar`);
    const answer = await own.evaluate(async () =>
      (await window.fetch('/run/remember', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ args: ['pomme'] }) })).json(),
    );
    expect(answer).toEqual({ ok: true, value: 'ok' });
  } finally {
    await own.close();
  }
  expect(server.emulator.properties.scriptStore().get('REMEMBERED')).toBe('pomme');
});
