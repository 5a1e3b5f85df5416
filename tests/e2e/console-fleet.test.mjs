// Two deployments in one console (staging on Kibana 9.5 with a trial licence, production on
// 8.19 with gold): connect both by name, the switcher and the /d/:deployment URLs, old URLs
// redirected, each deployment's version, licence and health, All spaces across both; promote
// from staging to production (plan with a diff per connector, secrets typed once, apply,
// per-item results, a second plan with nothing to do, a drift named field by field); rotate
// secrets across both with one refused (old secrets kept, proven by running the connectors
// against a receiver).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, fault, goInApp, launchBrowser, newPage, serveStatic, setUrl, startReceiver, startSim, stopAll } from './harness.mjs';

let app, staging, production, rx, browser, page;

before(async () => {
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  rx = await startReceiver();
  staging = await startSim(['--seed', '--admin', '--cors-origin', app]);
  production = await startSim(['--admin', '--cors-origin', app, '--kibana-version', '8.19.0', '--set', 'xpack.license.self_generated.type=gold']);
  browser = await launchBrowser();
  page = await newPage(browser);
});
after(stopAll);

/** Connects a deployment under `name` from the connection page, reached inside the app. */
async function addDeployment(name, url, { first = false } = {}) {
  if (first) await page.goto(`${app}/connect`);
  else {
    await goInApp(page, '/connect');
    await page.getByTestId('add-deployment').click();
  }
  await page.getByTestId('deployment-name').fill(name);
  await setUrl(page, url);
  await page.getByTestId('username').fill('elastic');
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('connect').click();
  await page.waitForURL(`${app}/d/${name}/s/default/connectors`);
}

const hook = (kibana, id, name, password) => api(kibana.api, 'POST', `/api/actions/connector/${id}`, {
  name, connector_type_id: '.webhook', config: { url: `${rx.url}/fleet/${id}`, hasAuth: true }, secrets: { user: 'bot', password },
});

/** Runs a webhook connector and returns the basic auth the receiver saw. */
async function authSeen(kibana, id) {
  const before = rx.requests.length;
  const run = await api(kibana.api, 'POST', `/api/actions/connector/${id}/_execute`, { params: { body: '{}' } });
  assert.equal(run.body.status, 'ok', JSON.stringify(run.body));
  const req = rx.requests.slice(before).find((r) => r.path === `/fleet/${id}`);
  return Buffer.from(req.headers.authorization.replace(/^Basic /, ''), 'base64').toString();
}

test('two deployments: named, switched, in the URL, each with version, licence and health', async () => {
  await addDeployment('staging', staging.api, { first: true });
  await addDeployment('production', production.api);

  await goInApp(page, '/connect');
  const rows = page.getByTestId('deployment-row');
  await page.locator('[data-testid=deployment-row][data-name=production] [data-testid=deployment-version]').filter({ hasText: '8.19.0' }).waitFor();
  const facts = await rows.evaluateAll((list) => list.map((r) => [r.dataset.name, ...['version', 'license', 'status'].map((f) => r.querySelector(`[data-testid=deployment-${f}]`).textContent)]));
  assert.deepEqual(facts, [
    ['staging', '9.5.0', 'trial (active)', 'available'],
    ['production', '8.19.0', 'gold (active)', 'available'],
  ]);

  // The switcher keeps the space; the list is the other deployment's.
  await goInApp(page, '/d/production/s/default/connectors');
  await page.getByTestId('empty').waitFor();
  await page.getByTestId('deployment-switcher').selectOption('staging');
  await page.waitForURL(`${app}/d/staging/s/default/connectors`);
  await page.locator('[data-testid=connector-row][data-id=demo-webhook]').waitFor();
  assert.match(await page.getByTestId('kibana-version').textContent(), /9\.5\.0/);

  // A link from before deployments opens in the current one.
  await page.evaluate(() => { const a = document.createElement('a'); a.href = '/s/marketing/connectors'; document.querySelector('main').append(a); a.click(); a.remove(); });
  await page.waitForURL(`${app}/d/staging/s/marketing/connectors`);
  assert.deepEqual(page.errors, []);
});

test('All spaces spans both deployments, with a Deployment column and filter', async () => {
  assert.equal((await hook(production, 'prod-only', 'Prod only hook', 'p')).status, 200);
  await goInApp(page, '/all/connectors');
  await page.locator('[data-testid=connector-row][data-deployment=production][data-id=prod-only]').waitFor();
  await page.locator('[data-testid=inventory][aria-busy=false]').waitFor();
  const deployments = await page.locator('[data-testid=connector-row]').evaluateAll((r) => [...new Set(r.map((x) => x.dataset.deployment))].sort());
  assert.deepEqual(deployments, ['production', 'staging']);
  await page.getByTestId('deployment-filter').selectOption('production');
  const ids = await page.locator('[data-testid=connector-row]').evaluateAll((r) => r.map((x) => `${x.dataset.deployment}/${x.dataset.id}`));
  assert.deepEqual(ids, ['production/prod-only']);
  // Its link opens it in its own deployment.
  assert.equal(await page.locator('[data-testid=connector-row] [data-testid=connector-link]').getAttribute('href'), '/d/production/s/default/connectors/prod-only');
  assert.deepEqual(page.errors, []);
});

test('promote staging → production: plan, secrets once, apply, nothing left, a drift', async () => {
  assert.equal((await hook(staging, 'fleet-hook', 'Fleet hook', 'staging-pw')).status, 200);
  await goInApp(page, '/promote');
  await page.getByTestId('promote-from-deployment').selectOption('staging');
  await page.locator('[data-testid=promote-connector][data-id=fleet-hook]').check();
  await page.locator('[data-testid=promote-connector][data-id=demo-server-log]').check();
  await page.locator('[data-testid=promote-to-deployment][value=production]').check();
  // A secret left empty blocks its connector, and the plan says so.
  await page.getByTestId('promote-plan').click();
  const item = (id) => page.locator(`[data-testid=promote-plan-item][data-deployment=production][data-id=${id}]`);
  await item('fleet-hook').waitFor();
  assert.equal(await item('fleet-hook').getAttribute('data-action'), 'blocked');
  assert.match(await item("fleet-hook").textContent(), /blocked: enter the secret password/);
  assert.equal(await item('demo-server-log').getAttribute('data-action'), 'create');

  await page.locator('[data-testid=promote-secret][data-connector=fleet-hook][data-key=user]').fill('bot');
  await page.locator('[data-testid=promote-secret][data-connector=fleet-hook][data-key=password]').fill('prod-pw');
  await page.getByTestId('promote-plan').click();
  await page.locator('[data-testid=promote-plan-item][data-id=fleet-hook][data-action=create]').waitFor();
  await page.getByTestId('promote-apply').click();
  await page.getByTestId('promote-results').waitFor();
  const results = await page.getByTestId('promote-result').evaluateAll((r) => r.map((x) => [x.dataset.deployment, x.dataset.id, x.dataset.ok]));
  assert.deepEqual(results, [['production', 'demo-server-log', 'true'], ['production', 'fleet-hook', 'true']]);
  assert.equal(await authSeen(production, 'fleet-hook'), 'bot:prod-pw');
  const copied = (await api(production.api, 'GET', '/api/actions/connector/fleet-hook')).body;
  assert.deepEqual([copied.name, copied.config.url], ['Fleet hook', `${rx.url}/fleet/fleet-hook`]);

  // Planned again: nothing to do (no Apply button). Then an edit in production is a diff.
  await page.getByTestId('promote-plan').click();
  await page.locator('[data-testid=promote-plan-item][data-id=fleet-hook][data-action=unchanged]').waitFor();
  assert.equal(await page.getByTestId('promote-apply').count(), 0);
  const edit = await api(production.api, 'PUT', '/api/actions/connector/fleet-hook', { name: 'Fleet hook', config: { url: `${rx.url}/elsewhere`, hasAuth: true }, secrets: { user: 'bot', password: 'prod-pw' } });
  assert.equal(edit.status, 200);
  await page.getByTestId('promote-plan').click();
  await page.locator('[data-testid=promote-plan-item][data-id=fleet-hook][data-action=update]').waitFor();
  assert.match(await item('fleet-hook').getByTestId('promote-change').first().textContent(), new RegExp(`config\\.url: "${rx.url}/elsewhere" → "${rx.url}/fleet/fleet-hook"`));
  await page.getByTestId('promote-apply').click();
  await page.locator('[data-testid=promote-result][data-id=fleet-hook][data-ok=true]').waitFor();
  assert.equal(await authSeen(production, 'fleet-hook'), 'bot:prod-pw');
  // Typed secrets stay in the page: never in storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.doesNotMatch(stored, /prod-pw/);
  assert.deepEqual(page.errors, []);
});

test('rotate across both deployments: one refused keeps its old secrets, the report says which', async () => {
  await fault(production.api, { kind: 'status', status: 400, method: 'PUT', path: '/connector/fleet-hook' });
  await goInApp(page, '/rotate');
  await page.getByTestId('rotate-type').selectOption('.webhook');
  await page.getByTestId('rotate-name').fill('Fleet*');
  await page.getByTestId('rotate-find').click();
  const candidates = page.getByTestId('rotate-candidate');
  await candidates.first().waitFor();
  assert.deepEqual(await candidates.evaluateAll((c) => c.map((x) => `${x.dataset.deployment}/${x.dataset.id}`)), ['staging/fleet-hook', 'production/fleet-hook']);
  await page.locator('[data-testid=rotate-secret][data-key=user]').fill('bot');
  await page.locator('[data-testid=rotate-secret][data-key=password]').fill('rotated-pw');
  await page.getByTestId('rotate-run').click();
  await page.getByTestId('rotate-results').waitFor();
  const states = await page.getByTestId('rotate-result').evaluateAll((r) => r.map((x) => [x.dataset.deployment, x.dataset.state]));
  assert.deepEqual(states, [['staging', 'new'], ['production', 'old']]);
  assert.match(await page.locator('[data-testid=rotate-result][data-deployment=production]').textContent(), /old secrets kept/);
  assert.equal(await authSeen(staging, 'fleet-hook'), 'bot:rotated-pw');
  assert.equal(await authSeen(production, 'fleet-hook'), 'bot:prod-pw');
  assert.deepEqual(page.errors, []);
});
