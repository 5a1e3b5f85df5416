// Alerting rules in the console: the Rules tab of a connector (search, paging, a user who may
// not read rules), deleting and moving connectors that rules use (the warning names the rules
// and needs an explicit confirmation), and Replace in rules with Kibana killed midway: each rule
// says what happened, nothing is lost, and running it again finishes the rest without touching
// a rule twice (counted in the sim's request log).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { api, ARTIFACTS, connect, fault, launchBrowser, newPage, serveStatic, setUrl, startSim, stopAll } from './harness.mjs';

let app, sim, browser, port;
const dataDir = mkdtempSync(join(tmpdir(), 'kc-rules-'));
const PRINCIPALS = 'sim.principals=[{username: elastic, password: changeme, superuser: true}, '
  + '{username: norules, password: norules-pw, spaces: {"*": all}, rules: {}}]';
const PRECONFIGURED = JSON.stringify({ 'shared-log': { name: 'Shared log (kibana.yml)', actionTypeId: '.server-log' } });

const simArgs = () => ['--seed', '--admin', '--data-dir', dataDir, '--cors-origin', app, '--set', PRINCIPALS,
  '--set', `xpack.actions.preconfigured=${PRECONFIGURED}`, ...(port ? ['--port', String(port)] : [])];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(simArgs());
  port = Number(new URL(sim.api).port);
  browser = await launchBrowser();
});
after(stopAll);

const FREQUENCY = { summary: false, notify_when: 'onActionGroupChange', throttle: null };
const THRESHOLD = { index: ['logs'], timeField: '@timestamp', timeWindowSize: 5, timeWindowUnit: 'm', thresholdComparator: '>', threshold: [1] };

async function serverLog(id, name, space = 'default') {
  const prefix = space === 'default' ? '' : `/s/${space}`;
  const res = await api(sim.api, 'POST', `${prefix}/api/actions/connector/${id}`, { name, connector_type_id: '.server-log', config: {}, secrets: {} });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

async function rule(id, name, connectors, tags = []) {
  const actions = connectors.map((c) => ({ id: c, group: 'threshold met', params: { message: `${name} via ${c}` }, frequency: FREQUENCY }));
  const res = await api(sim.api, 'POST', `/api/alerting/rule/${id}`, { name, rule_type_id: '.index-threshold', consumer: 'stackAlerts', tags, schedule: { interval: '1m' }, params: THRESHOLD, actions });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function served(method, suffix) {
  const log = await (await fetch(`${sim.api}/__sim/requests`)).json();
  return log.filter((r) => r.method === method && r.path.endsWith(suffix));
}

async function openRules(page, id) {
  await page.goto(`${app}/s/default/connectors/${id}?tab=rules`);
  await page.locator('#rules-heading').waitFor();
}

const ruleNames = (page) => page.getByTestId('rule-name').allTextContents();

test('the Rules tab lists the rules that use a connector, with search, paging and a plain 403', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  // The list counts the rules that use each connector, here and across spaces.
  const badge = page.locator('[data-testid=connector-row][data-id=demo-server-log] [data-testid=in-use]');
  await badge.filter({ hasText: 'used by 1 rule' }).waitFor();
  await page.getByTestId('all-spaces').click();
  await page.locator('[data-testid=connector-row][data-id=demo-pagerduty] [data-testid=in-use]').filter({ hasText: 'used by 1 rule' }).waitFor();
  await openRules(page, 'demo-server-log');
  await page.getByTestId('rules-table').waitFor();
  assert.deepEqual(await ruleNames(page), ['Error rate above threshold']);
  assert.equal(await page.getByTestId('rule-groups').textContent(), 'threshold met, recovered');
  assert.match(await page.getByTestId('rules-table').textContent(), /Index threshold/);
  await page.getByTestId('rules-search').fill('zzz');
  await page.getByTestId('rules-empty').waitFor();
  await page.getByTestId('rules-search').fill('err');
  await page.getByTestId('rules-table').waitFor();

  // A preconfigured connector is found by its action reference.
  await rule('uses-shared', 'Uses the shared log', ['shared-log']);
  await openRules(page, 'shared-log');
  await page.getByTestId('rules-table').waitFor();
  assert.deepEqual(await ruleNames(page), ['Uses the shared log']);

  // 30 rules: 25 on the first page, 5 on the second.
  await serverLog('paged-log', 'Paged log');
  for (let n = 1; n <= 30; n++) await rule(`paged-${n}`, `Paged ${String(n).padStart(2, '0')}`, ['paged-log'], ['paged']);
  await openRules(page, 'paged-log');
  await page.getByTestId('rules-table').waitFor();
  assert.equal(await page.getByTestId('rule-row').count(), 25);
  assert.equal(await page.getByTestId('rules-page').textContent(), ' Page 1 of 2 ');
  await page.getByTestId('rules-next').click();
  await page.getByTestId('rules-page').filter({ hasText: 'Page 2 of 2' }).waitFor();
  assert.deepEqual(await ruleNames(page), ['Paged 26', 'Paged 27', 'Paged 28', 'Paged 29', 'Paged 30']);
  await page.screenshot({ path: `${ARTIFACTS}/console-rules-tab.png`, fullPage: true });

  // A user who may manage connectors but not read rules sees why, and the connector still.
  const other = await newPage(browser);
  await other.goto(`${app}/connect`);
  await setUrl(other, sim.api);
  await other.getByTestId('username').fill('norules');
  await other.getByTestId('secret').fill('norules-pw');
  await other.getByTestId('remember').check();
  await other.getByTestId('connect').click();
  await other.waitForURL(/\/s\/default\/connectors$/);
  await openRules(other, 'demo-server-log');
  await other.getByTestId('rules-forbidden').waitFor();
  assert.equal(await other.getByTestId('connector-name').textContent(), 'Server log');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
});

test('deleting a connector that rules use names them and needs an explicit confirmation', async () => {
  await serverLog('doomed', 'Doomed log');
  await serverLog('spare', 'Spare log');
  await rule('loses-doomed', 'Loses doomed', ['doomed', 'spare']);
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  const row = page.locator('[data-testid=connector-row][data-id=doomed]');
  await row.getByTestId('delete').click();
  const guard = page.getByTestId('rules-guard');
  await guard.waitFor();
  assert.match(await guard.textContent(), /1 rule uses this connector/);
  assert.deepEqual(await page.getByTestId('guard-rule').evaluateAll((els) => els.map((e) => e.dataset.id)), ['loses-doomed']);
  await page.getByTestId('guard-cancel').click();
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/doomed')).status, 200, 'cancel keeps it');

  // The bulk delete asks the same, counting over the selection.
  await page.getByTestId('search').fill('log');
  await page.locator('[data-testid=connector-row][data-id=doomed] [data-testid=select]').check();
  await page.locator('[data-testid=connector-row][data-id=spare] [data-testid=select]').check();
  await page.getByTestId('delete-selected').click();
  await guard.waitFor();
  assert.match(await guard.textContent(), /1 rule uses 2 of these connectors/);
  assert.equal(await page.getByTestId('guard-confirm').textContent(), 'Delete, and leave 1 rule without these actions');
  await page.screenshot({ path: `${ARTIFACTS}/console-delete-guard.png`, fullPage: true });
  await page.getByTestId('guard-confirm').click();
  await page.getByTestId('bulk-results').filter({ hasText: 'Deleted 2 of 2.' }).waitFor();
  // As in Kibana, the rule stays, its actions pointing at the deleted connectors.
  const kept = await api(sim.api, 'GET', '/api/alerting/rule/loses-doomed');
  assert.equal(kept.status, 200);
  assert.deepEqual(kept.body.actions.map((a) => a.id), ['doomed', 'spare']);

  // The connector page's Delete guards too.
  await page.goto(`${app}/s/default/connectors/demo-index`);
  await page.getByTestId('delete').click();
  await guard.waitFor();
  await page.getByTestId('guard-cancel').click();
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/demo-index')).status, 200);
  assert.deepEqual(page.errors, []);
});

test('moving a connector that rules use is refused, listing them; "Move anyway" says what breaks', async () => {
  await serverLog('mover', 'Mover log');
  await rule('uses-mover', 'Uses the mover', ['mover']);
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await page.goto(`${app}/s/default/connectors/mover?tab=copy`);
  await page.getByTestId('target-ops').check();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('move').click();
  const guard = page.getByTestId('rules-guard');
  await guard.waitFor();
  assert.match(await guard.textContent(), /Uses the mover/);
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/mover')).status, 200, 'nothing moved yet');
  assert.equal((await api(sim.api, 'GET', '/s/ops/api/actions/connectors')).body.filter((c) => c.name === 'Mover log').length, 0);
  assert.match(await page.getByTestId('guard-confirm').textContent(), /Move anyway/);
  await page.getByTestId('guard-confirm').click();
  await page.getByTestId('source-note').filter({ hasText: 'Moved' }).waitFor();
  assert.equal((await api(sim.api, 'GET', '/s/ops/api/actions/connectors')).body.filter((c) => c.name === 'Mover log').length, 1);
  assert.deepEqual(page.errors, []);
});

test('Replace in rules: a preview, per-rule results when Kibana dies midway, and a rerun that finishes the rest', async () => {
  await serverLog('retired', 'Retired log');
  await serverLog('successor', 'Successor log');
  const ids = Array.from({ length: 6 }, (_, n) => `moving-${n + 1}`);
  for (const id of ids) await rule(id, `Moving ${id.slice(7)}`, ['retired', 'demo-server-log']);
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await openRules(page, 'retired');
  await page.getByTestId('rules-table').waitFor();
  await page.getByTestId('replace-target').selectOption('successor');
  await page.getByTestId('replace-preview').click();
  await page.getByTestId('replace-plan').waitFor();
  assert.equal(await page.getByTestId('replace-change').count(), 6);
  assert.equal(await page.getByTestId('replace-run').textContent(), 'Replace in 6 rules');
  // The last three updates hang until Kibana is gone: they never reach the handler.
  for (const id of ids.slice(3)) await fault(sim.api, { kind: 'latency', ms: 20000, method: 'PUT', path: `/rule/${id}` });
  await page.getByTestId('replace-run').click();
  await page.getByTestId('progress').filter({ hasText: '3 of 6 done' }).waitFor();
  await sim.kill();
  await page.getByTestId('bulk-results').waitFor({ timeout: 20000 });
  const first = await page.getByTestId('bulk-result').evaluateAll((els) => els.map((e) => [e.dataset.id, e.dataset.ok]));
  assert.equal(first.filter(([, ok]) => ok === 'true').length, 3, JSON.stringify(first));
  assert.equal(first.filter(([, ok]) => ok === 'false').length, 3, 'the three Kibana never answered say so');
  await page.getByTestId('replace-rerun').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/console-replace-interrupted.png`, fullPage: true });

  sim = await startSim(simArgs());
  await page.reload();
  await page.getByTestId('replace-target').selectOption('successor');
  await page.getByTestId('replace-preview').click();
  await page.getByTestId('replace-plan').waitFor();
  assert.equal(await page.getByTestId('replace-change').count(), 3, 'only the rules not yet changed');
  await page.getByTestId('replace-run').click();
  await page.getByTestId('bulk-results').filter({ hasText: 'Changed 3 of 3.' }).waitFor();
  for (const id of ids) {
    const r = (await api(sim.api, 'GET', `/api/alerting/rule/${id}`)).body;
    assert.deepEqual(r.actions.map((a) => a.id), ['successor', 'demo-server-log'], `${id} uses the successor`);
    assert.equal(r.actions[0].params.message, `Moving ${id.slice(7)} via retired`, `${id} keeps its params`);
  }
  for (const id of ids.slice(3)) {
    assert.deepEqual((await served('PUT', `/rule/${id}`)).map((r) => r.status), [200], `${id} updated once after the restart`);
  }
  await page.getByTestId('rules-empty').waitFor();
  assert.deepEqual(page.errors, []);
});
