// npm run deploy pushes nothing when the tests fail (scripts/deploy.mjs), checked with stand-ins for
// npm and npx on the PATH that record what they were asked to do.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function deployWith(testsPass: boolean): { status: number | null; stderr: string; calls: string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'carnet-deploy-'));
  const log = join(bin, 'calls.log');
  const stub = (name: string, failOn: string) => `#!/bin/sh\necho "${name} $*" >> "${log}"\n${failOn ? `[ "$1" = "${failOn}" ] && exit 1\n` : ''}exit 0\n`;
  writeFileSync(join(bin, 'npm'), stub('npm', testsPass ? '' : 'test'));
  writeFileSync(join(bin, 'npx'), stub('npx', ''));
  chmodSync(join(bin, 'npm'), 0o755);
  chmodSync(join(bin, 'npx'), 0o755);
  const result = spawnSync(process.execPath, [resolve('scripts/deploy.mjs')], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CARNET_DEPLOYMENT_ID: 'AKfy-test-deployment' },
    encoding: 'utf8',
  });
  let calls: string[] = [];
  try {
    calls = readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    calls = [];
  }
  return { status: result.status, stderr: result.stderr, calls };
}

test('npm run deploy refuses to push when the tests fail', () => {
  const { status, stderr, calls } = deployWith(false);
  expect(status).toBe(1);
  expect(stderr).toContain('nothing was pushed');
  expect(calls).toEqual(['npm test']);
});

test('npm run deploy pushes and updates the deployment once the tests pass', () => {
  const { status, calls } = deployWith(true);
  expect(status).toBe(0);
  expect(calls).toEqual(['npm test', 'npm run push', expect.stringMatching(/^npx clasp update-deployment AKfy-test-deployment --description Carnet /)]);
});
