// Debian's Chromium driven by playwright-core (no browser download: `.ci/run` installs the package).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type LocalServer, type StartOptions } from '../../local/server';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots the browser tests leave for a person to look at (git-ignored). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ['--no-sandbox'] });
}

export function artifact(name: string): string {
  return join(ARTIFACTS, name);
}

/** Chromium and a local Carnet server (free port, fresh state folder) for one test file. */
export interface BrowserWorld {
  browser: Browser;
  server: LocalServer;
  stateDir: string;
  /** Closes both and removes the state folder. */
  close(): Promise<void>;
}

export async function browserAndServer(name: string, options: Omit<StartOptions, 'port' | 'stateDir'> = {}): Promise<BrowserWorld> {
  const browser = await launchChromium();
  const stateDir = mkdtempSync(join(tmpdir(), `carnet-${name}-`));
  const server = await startServer({ port: 0, stateDir, quiet: true, tickMs: 0, ...options });
  return {
    browser,
    server,
    stateDir,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
