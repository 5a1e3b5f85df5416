// The CLI as a pipeline runs it: `kibana-connectors` from the packed tarball installed into a
// clean project (its `bin`), against sims. Plan on an empty space → creates; apply; plan again →
// exit 0 and no diff; an out-of-band edit → the field is named; export → plan shows no diff;
// prune; an apply with Kibana killed midway, then again → converged, no duplicates; rotate with
// one failing connector; errors in one line with their cause, secrets never echoed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { api, fault, freePort, installPacked, startReceiver, startSim, stopAll } from './harness.mjs';

let dir, bin, sim, rx;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kc-cli-'));
  await installPacked(dir);
  bin = join(dir, 'node_modules', '.bin', 'kibana-connectors');
  rx = await startReceiver();
  sim = await startSim(['--seed', '--admin']);
});
after(stopAll);

const AUTH = { KIBANA_USERNAME: 'elastic', KIBANA_PASSWORD: 'changeme' };

/**
 * Runs the CLI; resolves with {code, stdout, stderr}. `onStderr(text so far, child)` sees
 * progress as it comes. The environment is only what is given (no KIBANA_* leaks in).
 */
function cli(args, { env = {}, url = sim.api, onStderr } = {}) {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, ...(url ? { KIBANA_URL: url } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; onStderr?.(stderr, child); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function writeSet(name, connectors) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ format: 'kibana-connectors/desired@1', connectors }, null, 2));
  return file;
}

const HOOK_ENV = { HOOK_USER: 'bot', HOOK_PASSWORD: 'pw-1' };

const cliSet = (index = 'audit') => [
  { space_id: 'cli', id: 'cli-audit', name: 'Audit', connector_type_id: '.index', config: { index } },
  { space_id: 'cli', id: 'cli-hook', name: 'Hook', connector_type_id: '.webhook', config: { url: `${rx.url}/hook` },
    secrets: { user: { $env: 'HOOK_USER' }, password: { $env: 'HOOK_PASSWORD' } } },
  { space_id: 'cli', id: 'cli-log', name: 'Log', connector_type_id: '.server-log' },
];

test('help, and errors in one line naming the cause', async () => {
  const npx = await new Promise((ok) => {
    const child = spawn('npx', ['--offline', 'kibana-connectors', '--help'], { cwd: dir });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', (code) => ok({ code, out }));
  });
  assert.equal(npx.code, 0);
  assert.match(npx.out, /Commands:[\s\S]*export[\s\S]*plan[\s\S]*apply[\s\S]*rotate/);
  for (const command of ['export', 'plan', 'apply', 'rotate']) {
    const help = await cli([command, '--help']);
    assert.equal(help.code, 0, command);
    assert.match(help.stdout, new RegExp(`^Usage: kibana-connectors ${command}`), command);
    assert.match(help.stdout, /KIBANA_API_KEY/, command);
  }

  const oneLine = (r) => {
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    return r.stderr;
  };
  assert.match(oneLine(await cli(['plan', 'x.json'], { url: null, env: AUTH })), /KIBANA_URL/);
  assert.match(oneLine(await cli(['plan', join(dir, 'none.json')], { env: AUTH })), /none\.json: no such file/);
  writeFileSync(join(dir, 'bad.json'), '{"format": ');
  assert.match(oneLine(await cli(['plan', join(dir, 'bad.json')], { env: AUTH })), /bad\.json is not JSON/);
  assert.match(oneLine(await cli(['plan', 'a.json', 'b.json'], { env: AUTH })), /takes one FILE/);
  assert.match(oneLine(await cli(['plan', 'a.json', '--frobnicate'], { env: AUTH })), /frobnicate/);
  const file = writeSet('errors.json', cliSet());
  assert.match(oneLine(await cli(['plan', file], { env: { ...AUTH, KIBANA_PASSWORD: 'wrong-password' } })), /401[\s\S]*KIBANA_USERNAME/);
  const closed = await freePort();
  assert.match(oneLine(await cli(['plan', file], { url: `http://127.0.0.1:${closed}`, env: AUTH })), /cannot reach Kibana/);
  assert.match(oneLine(await cli(['plan', file], { env: { ...AUTH, KIBANA_API_KEY: 'k' } })), /more than one kind of credentials/);
  assert.match(oneLine(await cli(['export', '--all-spaces', '--space', 'ops'], { env: AUTH })), /do not go together/);
  // A secret the shell already expanded is never echoed back.
  const expanded = oneLine(await cli(['rotate', '--type', '.webhook', '--secret', 'password=s3cr3t-value!'], { env: AUTH }));
  assert.match(expanded, /not an environment variable name/);
  assert.doesNotMatch(expanded, /s3cr3t/);
  assert.match(oneLine(await cli(['rotate', '--type', '.webhook', '--secret', 'password=$NOT_SET_ANYWHERE'], { env: AUTH })), /\$NOT_SET_ANYWHERE is not set/);
  assert.doesNotMatch(JSON.stringify(await cli(['plan', file], { env: { ...AUTH, KIBANA_PASSWORD: 'wrong-password' } })), /wrong-password/);
});

test('plan, apply, plan again, a drift, export round trip and prune', async () => {
  assert.equal((await api(sim.api, 'POST', '/api/spaces/space', { id: 'cli', name: 'CLI' })).status, 200);
  const env = { ...AUTH, ...HOOK_ENV };
  const file = writeSet('cli.json', cliSet());

  const missing = await cli(['plan', file], { env: AUTH });
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /! blocked\s+cli\/cli-hook \(\.webhook\) "Hook": secret password needs \$HOOK_PASSWORD, which is not set/);

  const first = await cli(['plan', file, '--detailed-exitcode'], { env });
  assert.equal(first.code, 2, first.stderr);
  assert.deepEqual(first.stdout.match(/^ {2}\S \S+/gm), ['  + create', '  + create', '  + create']);
  assert.match(first.stdout, /Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged, 0 blocked\./);

  // Without --yes and with nobody at a terminal, nothing changes.
  const refused = await cli(['apply', file], { env });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /pass --yes/);
  assert.equal((await api(sim.api, 'GET', '/s/cli/api/actions/connectors')).body.filter((c) => !c.is_preconfigured).length, 0);

  const applied = await cli(['apply', file, '--yes'], { env });
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /✓ created cli\/cli-audit[\s\S]*✓ created cli\/cli-hook[\s\S]*✓ created cli\/cli-log/);
  assert.match(applied.stderr, /applying 3\/3\nApplied 3 of 3 changes\./);
  assert.doesNotMatch(applied.stdout + applied.stderr, /pw-1/);

  const again = await cli(['plan', file, '--detailed-exitcode'], { env });
  assert.equal(again.code, 0, again.stdout);
  assert.match(again.stdout, /0 to create, 0 to update, 0 to delete, 3 unchanged/);

  const edit = await api(sim.api, 'PUT', '/s/cli/api/actions/connector/cli-audit', { name: 'Audit', config: { index: 'elsewhere' } });
  assert.equal(edit.status, 200);
  const drift = await cli(['plan', file, '--detailed-exitcode'], { env });
  assert.equal(drift.code, 2);
  assert.match(drift.stdout, /~ update\s+cli\/cli-audit \(\.index\) "Audit"\n {8}config\.index: "elsewhere" → "audit"\n/);
  const json = JSON.parse((await cli(['plan', file, '--json'], { env })).stdout);
  assert.deepEqual(json.items.find((i) => i.id === 'cli-audit').changes, [{ path: 'config.index', from: 'elsewhere', to: 'audit' }]);
  assert.equal((await cli(['apply', file, '--yes'], { env })).code, 0);

  // An export is a set that plans to nothing, with a reference for each secret.
  const out = join(dir, 'exported.json');
  const exported = await cli(['export', '--space', 'cli', '-o', out], { env: AUTH });
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, /exported 3 connectors to/);
  const set = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(set.connectors.map((c) => c.id).sort(), ['cli-audit', 'cli-hook', 'cli-log']);
  assert.deepEqual(set.connectors.find((c) => c.id === 'cli-hook').secrets, { password: { $env: 'KC_CLI_HOOK_PASSWORD' }, user: { $env: 'KC_CLI_HOOK_USER' } });
  const round = await cli(['plan', out, '--detailed-exitcode'], { env: { ...AUTH, KC_CLI_HOOK_USER: 'bot', KC_CLI_HOOK_PASSWORD: 'pw-1' } });
  assert.equal(round.code, 0, round.stdout);

  // Prune: a connector made by hand in the space goes, only with --prune.
  assert.equal((await api(sim.api, 'POST', '/s/cli/api/actions/connector/by-hand', { name: 'By hand', connector_type_id: '.server-log' })).status, 200);
  assert.equal((await cli(['plan', file, '--detailed-exitcode'], { env })).code, 0);
  const prune = await cli(['plan', file, '--prune', '--detailed-exitcode'], { env });
  assert.equal(prune.code, 2);
  assert.match(prune.stdout, /- delete\s+cli\/by-hand \(\.server-log\) "By hand"/);
  const pruned = await cli(['apply', file, '--prune', '--yes'], { env });
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.match(pruned.stdout, /✓ deleted cli\/by-hand/);
  assert.equal((await api(sim.api, 'GET', '/s/cli/api/actions/connector/by-hand')).status, 404);
});

test('apply with Kibana killed midway, then again: converged, nothing twice', async () => {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'kc-cli-data-'));
  const args = ['--port', String(port), '--data-dir', data, '--admin'];
  let kibana = await startSim(args);
  const ids = Array.from({ length: 12 }, (_, i) => `fleet-${String(i).padStart(2, '0')}`);
  const file = writeSet('fleet.json', ids.map((id) => ({ space_id: 'default', id, name: id, connector_type_id: '.server-log' })));
  // The last four creates hang, so the kill lands while some are in flight and some not sent.
  for (const id of ids.slice(8)) await fault(kibana.api, { kind: 'latency', ms: 60000, method: 'POST', path: `/connector/${id}` });

  let killed = false;
  const interrupted = await cli(['apply', file, '--yes', '--concurrency', '2'], {
    url: kibana.api,
    env: AUTH,
    onStderr: (text) => {
      if (!killed && text.includes('applying 8/12')) {
        killed = true;
        kibana.kill();
      }
    },
  });
  assert.ok(killed, interrupted.stderr);
  assert.equal(interrupted.code, 1);
  assert.match(interrupted.stderr, /Applied 8 of 12 changes; 4 failed \(run apply again to finish\)/);

  kibana = await startSim(args);
  const rest = await cli(['apply', file, '--yes'], { url: kibana.api, env: AUTH });
  assert.equal(rest.code, 0, rest.stderr);
  assert.equal(rest.stdout.match(/✓ created/g).length, 4, rest.stdout);
  assert.match(rest.stdout, /8 unchanged/);
  const settled = await cli(['plan', file, '--detailed-exitcode'], { url: kibana.api, env: AUTH });
  assert.equal(settled.code, 0);
  const stored = (await api(kibana.api, 'GET', '/api/actions/connectors')).body.map((c) => c.id).filter((id) => id.startsWith('fleet-'));
  assert.deepEqual(stored.sort(), ids);
});

test('rotate: new secrets for the chosen connectors, one refused keeps its old ones, a rerun finishes', async () => {
  const hook = (space, id, name) => api(sim.api, 'POST', `/s/${space}/api/actions/connector/${id}`, {
    name, connector_type_id: '.webhook', config: { url: `${rx.url}/rotate/${id}`, hasAuth: true }, secrets: { user: 'old-user', password: 'old-pw' },
  });
  assert.equal((await api(sim.api, 'POST', '/api/spaces/space', { id: 'rot', name: 'Rotate' })).status, 200);
  for (const [space, id, name] of [['default', 'prod-a', 'prod-a'], ['rot', 'prod-b', 'prod-b'], ['rot', 'dev-c', 'dev-c']]) {
    assert.equal((await hook(space, id, name)).status, 200);
  }
  const authSeen = async (space, id) => {
    const before = rx.requests.length;
    const run = await api(sim.api, 'POST', `/s/${space}/api/actions/connector/${id}/_execute`, { params: { body: '{}' } });
    assert.equal(run.body.status, 'ok', JSON.stringify(run.body));
    const req = rx.requests.slice(before).find((r) => r.path === `/rotate/${id}`);
    return Buffer.from(req.headers.authorization.replace(/^Basic /, ''), 'base64').toString();
  };
  const env = { ...AUTH, ROT_USER: 'new-user', ROT_PW: 'new-pw' };
  const args = ['rotate', '--type', '.webhook', '--name', 'prod-*', '--secret', 'user=ROT_USER', '--secret', 'password=$ROT_PW', '--yes'];

  await fault(sim.api, { kind: 'status', status: 400, method: 'PUT', path: '/connector/prod-b' });
  const first = await cli(args, { env });
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stdout, /Rotating user, password of 2 connectors/);
  assert.match(first.stdout, /✓ default\/prod-a: new secrets/);
  assert.match(first.stdout, /✗ rot\/prod-b: old secrets kept \(/);
  assert.match(first.stderr, /Rotated 1 of 2\./);
  assert.doesNotMatch(first.stdout + first.stderr, /new-pw|old-pw/);
  assert.equal(await authSeen('default', 'prod-a'), 'new-user:new-pw');
  assert.equal(await authSeen('rot', 'prod-b'), 'old-user:old-pw');
  assert.equal(await authSeen('rot', 'dev-c'), 'old-user:old-pw');
  // Name and config are kept.
  const a = (await api(sim.api, 'GET', '/api/actions/connector/prod-a')).body;
  assert.deepEqual([a.name, a.config.url], ['prod-a', `${rx.url}/rotate/prod-a`]);

  const rerun = await cli([...args, '--json'], { env });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.deepEqual(JSON.parse(rerun.stdout).map((r) => [r.id, r.state]), [['prod-a', 'new'], ['prod-b', 'new']]);
  assert.equal(await authSeen('rot', 'prod-b'), 'new-user:new-pw');
  assert.equal(await authSeen('rot', 'dev-c'), 'old-user:old-pw');
});
