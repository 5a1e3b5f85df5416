// The npm package imported by a plain `<script type="module">` in headless Chromium (its browser
// entry loads the wasm itself: no init), running the guide's "simple index connector" flow
// cross-origin against a sim, plus the thrown errors.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, packageDir, serveStatic, startSim, stopAll } from './harness.mjs';

let app, sim, browser;

const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import { Kibana } from './pkg/index.js';
window.runFlow = async (kibanaUrl, esUrl) => {
  const client = new Kibana(kibanaUrl, { username: 'elastic', password: 'changeme' });
  const out = {};
  const c = await client.actions.create({ name: 'Browser index', connector_type_id: '.index', config: { index: 'browser-docs' } });
  out.defaults = c.config;
  const run = await client.actions.execute({ id: c.id, params: { documents: [{ message: 'from the browser' }] } });
  out.status = run.status;
  out.fetched = (await client.actions.get({ id: c.id })).name;
  const hits = await (await fetch(esUrl + '/browser-docs/_search')).json();
  out.document = hits.hits.hits[0]._source.message;
  await client.actions.delete({ id: c.id });
  out.errors = [];
  for (const action of [
    () => client.actions.get({ id: c.id }),
    () => client.actions.create({ id: 'dup', name: 'a', connector_type_id: '.server-log' }).then(() => client.actions.create({ id: 'dup', name: 'b', connector_type_id: '.server-log' })),
    () => client.actions.create({ name: 'x', connector_type_id: '.index', config: { index: 1 } }),
    () => client.space('nowhere').actions.getAll(),
    () => Promise.resolve().then(() => new Kibana('not a url')),
  ]) {
    try { await action(); out.errors.push('none'); } catch (e) { out.errors.push([e instanceof Error, e.name, e.statusCode ?? null, e.spaceId ?? null]); }
  }
  out.diagnosis = (await new Kibana(kibanaUrl, { username: 'elastic', password: 'nope' }).diagnose(location.origin)).outcome;
  return out;
};
window.runBulk = async (kibanaUrl) => {
  const client = new Kibana(kibanaUrl, { username: 'elastic', password: 'changeme' });
  const out = { progress: [] };
  await client.spaces.create({ id: 'js-bulk', name: 'JS bulk' });
  const made = await client.bulk.createMany({ connectors: [
    { space_id: 'default', id: 'js-hook', name: 'JS hook', connector_type_id: '.webhook', config: { url: 'http://127.0.0.1:9/x', hasAuth: false } },
    { space_id: 'js-bulk', name: 'JS log', connector_type_id: '.server-log' },
    { space_id: 'js-bulk', name: 'bad', connector_type_id: '.index', config: {} },
  ] });
  out.created = made.map((r) => [r.space_id, r.ok, r.error?.kind ?? null]);
  const inv = await client.bulk.inventory({ concurrency: 2 }, (p) => out.progress.push(p.done + '/' + p.total));
  out.spaces = inv.map((s) => [s.space.id, s.ok, s.connectors.length]);
  const copies = await client.bulk.copyToSpaces({ id: 'js-hook', space_id: 'default', to_spaces: ['js-bulk'], new_id: 'js-hook-{space}' });
  out.copied = copies.map((r) => [r.space_id, r.id, r.ok]);
  const moved = await client.bulk.moveToSpaces({ id: 'js-hook', space_id: 'default', to_spaces: ['marketing'] });
  out.moved = [moved.copies.map((r) => r.ok), moved.source_deleted];
  const runs = await client.bulk.executeMany({ targets: [{ space_id: 'js-bulk', id: made[1].id }, { space_id: 'js-bulk', id: 'nope' }], params: { message: 'hi' } });
  out.runs = runs.map((r) => [r.ok, r.value?.status ?? r.error.kind]);
  const trial = await client.actions.trialRun({ name: 'try', connector_type_id: '.server-log', params: { message: 'trial' } });
  out.trial = [trial.result.status, trial.cleaned_up, trial.connector_id.startsWith('kc-trial-')];
  const exported = await client.bulk.exportSet();
  out.exportHasSecrets = JSON.stringify(exported.set).includes('secrets"');
  const checks = await client.bulk.checkImport({ set: JSON.stringify(exported.set), into_space: 'js-bulk' });
  out.check = checks.filter((c) => c.entry.id === 'js-hook-js-bulk').map((c) => [c.space_id, c.conflicts.map((x) => x.kind)]);
  const gone = await client.bulk.deleteMany({ targets: [{ space_id: 'js-bulk', id: 'js-hook-js-bulk' }, { space_id: 'js-bulk', id: 'js-hook-js-bulk' }] });
  out.deleted = gone.map((r) => r.ok);
  try { await client.bulk.copyToSpaces({ id: made[1].id, space_id: 'js-bulk', to_spaces: ['js-bulk'] }); out.refused = 'none'; } catch (e) { out.refused = e.name; }
  return out;
};
window.runRules = async (kibanaUrl) => {
  const client = new Kibana(kibanaUrl, { username: 'elastic', password: 'changeme' });
  const out = {};
  const log = await client.actions.create({ id: 'js-rules-log', name: 'JS rules log', connector_type_id: '.server-log' });
  const frequency = { summary: false, notify_when: 'onActionGroupChange', throttle: null };
  const rule = await client.rules.create({ id: 'js-rule', rule: {
    name: 'JS rule', rule_type_id: '.index-threshold', consumer: 'stackAlerts', schedule: { interval: '1m' }, tags: ['js'],
    params: { index: ['logs'], timeField: '@timestamp', timeWindowSize: 5, timeWindowUnit: 'm', thresholdComparator: '>', threshold: [1] },
    actions: [{ id: log.id, group: 'threshold met', params: { message: 'from JS' }, frequency }] } });
  out.created = [rule.id, rule.actions[0].connector_type_id];
  out.usedBy = (await client.rules.usedBy({ connector: log })).map((r) => r.name);
  const page = await client.rules.find({ filter: 'alert.attributes.tags:js', per_page: 5 });
  out.found = [page.total, page.data[0].id];
  const moved = await client.bulk.moveToSpaces({ id: log.id, space_id: 'default', to_spaces: ['js-rules-space'] });
  out.moveBlocked = (moved.blocked_by_rules ?? []).map((r) => r.id);
  await client.rules.disable({ id: 'js-rule' });
  out.enabled = (await client.rules.get({ id: 'js-rule' })).enabled;
  await client.rules.delete({ id: 'js-rule' });
  try { await client.rules.get({ id: 'js-rule' }); out.gone = 'none'; } catch (e) { out.gone = e.name; }
  return out;
};
window.ready = true;
</script>`;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-pkg-'));
  cpSync(packageDir(), join(dir, 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), PAGE);
  app = await serveStatic(dir);
  sim = await startSim(['--es-port', '0', '--cors-origin', app]);
  browser = await launchBrowser();
});
after(stopAll);

test('the package runs the simple index connector flow in Chromium', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.ready === true);
  const out = await page.evaluate(([k, e]) => window.runFlow(k, e), [sim.api, sim.es]);
  assert.deepEqual(out.defaults, { index: 'browser-docs', refresh: false, executionTimeField: null });
  assert.equal(out.status, 'ok');
  assert.equal(out.fetched, 'Browser index');
  assert.equal(out.document, 'from the browser');
  assert.deepEqual(out.errors, [
    [true, 'NotFoundError', 404, 'default'],
    [true, 'ConflictError', 409, 'default'],
    [true, 'BadRequestError', 400, 'default'],
    [true, 'SpaceNotFoundError', null, 'nowhere'],
    [true, 'InvalidConfigError', null, null],
  ]);
  assert.equal(out.diagnosis, 'bad_credentials');
  assert.deepEqual(page.errors, []);
});

test('bulk work from JavaScript: create, inventory with progress, copy, move, execute, trial, export and import check', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.ready === true);
  const out = await page.evaluate((k) => window.runBulk(k), sim.api);
  assert.deepEqual(out.created, [['default', true, null], ['js-bulk', true, null], ['js-bulk', false, 'BadRequestError']]);
  assert.deepEqual(out.spaces, [['default', true, 2], ['js-bulk', true, 1]], 'default also has the first test\'s connector');
  assert.deepEqual(out.progress, ['0/2', '1/2', '2/2']);
  assert.deepEqual(out.copied, [['js-bulk', 'js-hook-js-bulk', true]]);
  assert.deepEqual(out.moved, [[false], false], 'marketing does not exist in this sim: the source is kept');
  assert.deepEqual(out.runs, [[true, 'ok'], [false, 'NotFoundError']]);
  assert.deepEqual(out.trial, ['ok', true, true]);
  assert.equal(out.exportHasSecrets, false);
  assert.deepEqual(out.check, [['js-bulk', ['id_taken', 'name_taken']]]);
  assert.deepEqual(out.deleted.sort(), [false, true], 'the same id twice, at once: one delete wins');
  assert.equal(out.refused, 'InvalidConfigError');
  assert.deepEqual(page.errors, []);
});

test('rules from JavaScript: create, usedBy, find, a move refused while a rule uses the connector, disable, delete', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.ready === true);
  const out = await page.evaluate((k) => window.runRules(k), sim.api);
  assert.deepEqual(out.created, ['js-rule', '.server-log']);
  assert.deepEqual(out.usedBy, ['JS rule']);
  assert.deepEqual(out.found, [1, 'js-rule']);
  assert.deepEqual(out.moveBlocked, ['js-rule']);
  assert.equal(out.enabled, false);
  assert.equal(out.gone, 'NotFoundError');
  assert.deepEqual(page.errors, []);
});
