// Debian's Chromium driven by playwright-core (no browser download: `.ci/run` installs the package).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
