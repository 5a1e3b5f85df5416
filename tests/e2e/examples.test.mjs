// The JavaScript examples (examples/js) run with node against a sim, as a newcomer would run
// them against `cargo xtask console`. The package comes from `cargo xtask package`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packageDir, startSim, stopAll } from './harness.mjs';

const run = promisify(execFile);
const examples = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/js');
let sim;

before(async () => {
  const pkg = packageDir();
  assert.ok(existsSync(join(pkg, 'package.json')), `no package in ${pkg} (cargo xtask package)`);
  // What `npm install` in examples/js does for the file: dependency.
  mkdirSync(join(examples, 'node_modules'), { recursive: true });
  const link = join(examples, 'node_modules/kibana-connectors');
  if (!existsSync(link)) symlinkSync(pkg, link, 'dir');
  sim = await startSim(['--es-port', '0']);
});
after(stopAll);

async function example(name) {
  const { stdout } = await run('node', [join(examples, `${name}.mjs`)], {
    env: { ...process.env, KIBANA_URL: sim.api, ES_URL: sim.es },
    timeout: 60000,
  });
  return stdout.trim().split('\n');
}

test('simple index connector: create, write, verify, read back, delete', async () => {
  const lines = await example('simple-index-connector');
  assert.deepEqual(lines, [
    'Connector created: kbnjs-simple-index-connector',
    'Execution status: ok',
    'Connector verified: Simple index connector (.index) writing to miconnectedindex',
    'Check your index: miconnectedindex',
    'Document found: Hello from kibana-connectors',
    'Connector deleted',
  ]);
  // Running it again works: it cleans up after itself.
  assert.equal((await example('simple-index-connector')).length, 6);
});

test('space-scoped connectors', async () => {
  const lines = await example('space-scoped-connectors');
  assert.equal(lines[0], 'Space created: kbnjs-examples');
  assert.match(lines[1], /^Connector created in kbnjs-examples: [0-9a-f-]{36}$/);
  assert.deepEqual(lines.slice(2), [
    'Execution status: ok',
    'Connectors in kbnjs-examples: 1',
    'From the default space: NotFoundError',
    'Space deleted, and its connectors with it',
    'After deletion: SpaceNotFoundError (kbnjs-examples)',
  ]);
});

test('error handling names every kind', async () => {
  const lines = await example('error-handling');
  assert.deepEqual(lines.map((l) => l.split(':').slice(0, 2).join(':')), [
    'Get a missing connector: NotFoundError 404',
    'Create a duplicate id: ConflictError 409',
    'Invalid config: BadRequestError 400',
    'Unknown space: SpaceNotFoundError',
    'Invalid space id: InvalidSpaceIdError',
  ]);
});

test('retry with backoff for runs Kibana marks retry', async () => {
  const lines = await example('retry-with-backoff');
  assert.deepEqual(lines, [
    'Attempt 1: error calling webhook, retry later (retry: true)',
    'Attempt 2: error calling webhook, retry later (retry: true)',
    'Succeeded on attempt 3: status ok',
  ]);
});
