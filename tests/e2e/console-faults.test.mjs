// Faults seen from the console: a Kibana that disappears (SIGKILL) in the middle of a bulk delete
// and comes back, one that is gone while a form is saved, answers slower than the timeout, 5xx
// with Retry-After, dropped connections and malformed JSON. Each time the console says what
// happened to each item, keeps what the user typed, and no write reaches Kibana twice (counted in
// the sim's request log). The sim keeps its data on disk, so it comes back with it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { api, ARTIFACTS, connect, fault, launchBrowser, newPage, serveStatic, startSim, stopAll } from './harness.mjs';

let app, sim, browser, port;
const dataDir = mkdtempSync(join(tmpdir(), 'kc-faults-'));

const simArgs = () => ['--admin', '--data-dir', dataDir, '--cors-origin', app, ...(port ? ['--port', String(port)] : [])];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(simArgs());
  port = Number(new URL(sim.api).port);
  browser = await launchBrowser();
});
after(stopAll);

/** Kibana comes back on the same address with the same data (and an empty request log). */
async function restart() {
  sim = await startSim(simArgs());
}

/**
 * Requests the sim received (faulted ones included; `status` null for one the client
 * abandoned before the answer) whose path ends with `suffix`.
 */
async function served(method, suffix) {
  const log = await (await fetch(`${sim.api}/__sim/requests`)).json();
  return log.filter((r) => r.method === method && r.path.endsWith(suffix));
}

async function serverLog(id, name) {
  const res = await api(sim.api, 'POST', `/api/actions/connector/${id}`, { name, connector_type_id: '.server-log', config: {}, secrets: {} });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

const outcomes = (page) => page.getByTestId('bulk-result').evaluateAll((els) => els.map((e) => [e.dataset.id, e.dataset.ok, e.textContent]));

test('Kibana disappears mid bulk delete: each item says what happened; the rest goes after it comes back', async () => {
  const ids = Array.from({ length: 12 }, (_, n) => `gone-${String(n + 1).padStart(2, '0')}`);
  for (const id of ids) await serverLog(id, `Gone ${id.slice(5)}`);
  await serverLog('bystander', 'Bystander');
  // The last six deletes hang until Kibana is gone: they never reach the handler.
  for (const id of ids.slice(6)) await fault(sim.api, { kind: 'latency', ms: 20000, method: 'DELETE', path: `/connector/${id}` });
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await page.getByTestId('search').fill('Gone');
  await page.locator('[data-testid=connector-row][data-id=gone-12]').waitFor();
  await page.getByTestId('select-all').check();
  assert.equal(await page.getByTestId('delete-selected').textContent(), 'Delete selected (12)');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('delete-selected').click();
  await page.getByTestId('progress').filter({ hasText: '6 of 12 done' }).waitFor();
  await sim.kill();

  await page.getByTestId('bulk-results').waitFor({ timeout: 15000 });
  const first = await outcomes(page);
  assert.deepEqual(first.map(([id, ok]) => [id, ok]), ids.map((id, n) => [id, String(n < 6)]));
  for (const [id, , text] of first.slice(6)) assert.match(text, /network error/, `${id} says Kibana was not reached`);
  assert.match(await page.getByTestId('bulk-results').textContent(), /Deleted 6 of 12; 6 failed\./);
  assert.equal(await page.getByTestId('delete-selected').textContent(), 'Delete selected (6)', 'the failed ones stay selected');
  await page.getByTestId('retry-load').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/console-kibana-gone.png`, fullPage: true });

  await restart();
  await page.getByTestId('retry-load').click();
  await page.locator('[data-testid=connector-row][data-id=gone-07]').waitFor();
  assert.equal(await page.getByTestId('delete-selected').textContent(), 'Delete selected (6)');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('delete-selected').click();
  await page.getByTestId('bulk-results').filter({ hasText: 'Deleted 6 of 6.' }).waitFor();
  const left = (await api(sim.api, 'GET', '/api/actions/connectors')).body.map((c) => c.id);
  assert.deepEqual(left.filter((id) => id.startsWith('gone-')), [], 'every one is gone');
  assert.ok(left.includes('bystander'), 'nothing else was touched');
  for (const id of ids.slice(6)) {
    assert.deepEqual((await served('DELETE', `/connector/${id}`)).map((r) => r.status), [204], `${id} deleted once`);
  }
  assert.deepEqual(page.errors, []);
});

test('a save while Kibana is gone keeps the form; the save after it is back creates exactly one', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await page.getByTestId('create').click();
  await page.getByTestId('type-.webhook').click();
  await page.getByTestId('field-name').fill('Survives an outage');
  await page.getByTestId('field-url').fill('http://127.0.0.1:9/hook');
  await sim.kill();
  await page.getByTestId('save').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /network error/);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Survives an outage', 'the form is kept');
  assert.equal(await page.getByTestId('field-url').inputValue(), 'http://127.0.0.1:9/hook');
  await restart();
  await page.getByTestId('save').click();
  await page.locator('[data-testid=connector-row] td.name', { hasText: 'Survives an outage' }).waitFor();
  const named = (await api(sim.api, 'GET', '/api/actions/connectors')).body.filter((c) => c.name === 'Survives an outage');
  assert.equal(named.length, 1);
  // The readable id proposed from the name is the create's path.
  assert.equal((await served('POST', '/api/actions/connector/survives-an-outage')).length, 1, 'one create reached Kibana');
  assert.deepEqual(page.errors, []);
});

test('slow, failing, dropped and malformed answers: said in plain words, input kept, writes sent once', async () => {
  await serverLog('faulty', 'Faulty');
  const page = await newPage(browser);
  await page.goto(`${app}/connect`);
  await page.getByTestId('use-proxy').setChecked(false);
  await page.getByTestId('kibana-url').fill(sim.api);
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('remember').check();
  await page.locator('details.advanced summary').click();
  await page.getByTestId('timeout').fill('0');
  await page.getByTestId('connect').click();
  assert.equal(await page.getByTestId('error-timeout').textContent(), 'Enter a timeout from 1 to 600 seconds.');
  await page.getByTestId('timeout').fill('2');
  await page.getByTestId('connect').click();
  await page.waitForURL(/\/s\/default\/connectors$/);

  // A run slower than the timeout: aborted at 2 s, said so, sent once.
  await page.goto(`${app}/s/default/connectors/faulty?tab=test`);
  await page.getByTestId('raw-toggle').check();
  await page.getByTestId('raw-params').fill('{"message": "typed by the user"}');
  await fault(sim.api, { kind: 'latency', ms: 4000, method: 'POST', path: '/connector/faulty/_execute' });
  await page.getByTestId('run').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /no answer from Kibana within 2 s\. It may still have been carried out/);
  assert.equal(await page.getByTestId('raw-params').inputValue(), '{"message": "typed by the user"}');

  // A dropped connection on the run: a network error, not retried.
  await fault(sim.api, { kind: 'drop', method: 'POST', path: '/connector/faulty/_execute' });
  await page.getByTestId('run').click();
  await page.getByTestId('error').filter({ hasText: 'network error' }).waitFor();
  // The browser aborted the slow run at 2 s: the sim logs it unanswered (status null) once it
  // sees the connection closed. Then each run went out once: neither was sent again.
  const runs = () => served('POST', '/connector/faulty/_execute');
  for (const deadline = Date.now() + 10000; !(await runs()).some((r) => r.status === null);) {
    assert.ok(Date.now() < deadline, `the aborted run was never logged: ${JSON.stringify(await runs())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const statuses = (await runs()).map((r) => r.status);
  assert.equal(statuses.length, 2, `no run was retried: ${JSON.stringify(statuses)}`);
  assert.equal(statuses.filter((s) => s === null).length, 1, `only the slow run was abandoned: ${JSON.stringify(statuses)}`);

  // 503 with Retry-After on an edit: Kibana's answer shown, the form kept, the PUT sent once.
  await page.goto(`${app}/s/default/connectors/faulty?tab=edit`);
  await page.getByTestId('field-name').fill('Faulty, renamed');
  await fault(sim.api, { kind: 'status', status: 503, retry_after: '1', method: 'PUT', path: '/connector/faulty' });
  await page.getByTestId('save').click();
  await page.getByTestId('error').filter({ hasText: '503' }).waitFor();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Faulty, renamed');
  assert.deepEqual((await served('PUT', '/connector/faulty')).map((r) => r.status), [503]);
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/faulty')).body.name, 'Faulty', 'not changed');

  // Malformed JSON on the list (retries do not apply: it is an answer), then a good one.
  await fault(sim.api, { kind: 'malformed', method: 'GET', path: '/api/actions/connectors' });
  await page.goto(`${app}/s/default/connectors`);
  await page.getByTestId('error').filter({ hasText: 'unexpected response' }).waitFor();
  await page.getByTestId('retry-load').click();
  await page.locator('[data-testid=connector-row][data-id=faulty]').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/console-faults.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('a page whose code cannot be downloaded says so in its error view, keeps the console working, and loads on retry', async () => {
  const page = await newPage(browser);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await connect(page, app, sim.api);
  // The promote page is a chunk of its own (web/src/lazy.rs), fetched on first navigation.
  let refused = 0;
  const refuse = (route) => { refused += 1; return route.abort('connectionfailed'); };
  await page.route(/\/split_promote-[0-9a-f]+\.wasm$/, refuse);
  await page.getByTestId('nav-promote').click();
  await page.getByTestId('chunk-error').waitFor();
  assert.match(await page.getByTestId('chunk-error').textContent(), /could not be downloaded/);
  assert.ok(refused >= 1, 'the chunk was asked for');
  // The wasm did not abort: the rest of the console still runs.
  await page.goBack();
  await page.locator('[data-testid=connector-row]').first().waitFor();
  await page.getByTestId('nav-promote').click();
  await page.getByTestId('chunk-error').waitFor();
  // The failure is not cached: once the network is back, "Try again" fetches it afresh.
  await page.unroute(/\/split_promote-[0-9a-f]+\.wasm$/, refuse);
  await page.getByTestId('retry-chunk').click();
  await page.getByTestId('promote-page').waitFor();
  assert.equal(await page.getByTestId('chunk-error').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
