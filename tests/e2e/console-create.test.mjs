// Creating and deleting connectors in the console, against kibana-sim.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, dismissNextDialog, launchBrowser, newPage, serveStatic, startSim, stopAll, setUrl } from './harness.mjs';

let app, sim, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--seed', '--admin', '--cors-origin', app]);
  browser = await launchBrowser();
});
after(stopAll);

async function connected(space = 'default') {
  const page = await newPage(browser);
  await page.goto(`${app}/connect`);
  await setUrl(page, sim.api);
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('connect').click();
  await page.waitForURL(/\/s\/default\/connectors$/);
  if (space !== 'default') await page.getByTestId('space-switcher').selectOption(space);
  await page.getByTestId('connector-row').first().waitFor();
  return page;
}

async function sentWrites(method) {
  const log = await (await fetch(`${sim.api}/__sim/requests`)).json();
  return log.filter((r) => r.method === method).length;
}

test('create a typed connector in another space, validated before sending', async () => {
  const page = await connected('ops');
  await page.getByTestId('create').click();
  await page.waitForURL(`${app}/d/kibana/s/ops/connectors/new`);
  await page.getByTestId('type-search').fill('index');
  await page.getByTestId('type-.index').click();
  const posts = await sentWrites('POST');
  await page.getByTestId('save').click();
  await page.getByTestId('error-name').waitFor();
  assert.equal(await page.getByTestId('error-index').textContent(), 'Index is required.');
  assert.equal(await sentWrites('POST'), posts, 'nothing was sent');
  await page.getByTestId('field-name').fill('Ops audit log');
  await page.getByTestId('field-index').fill('ops-audit');
  await page.getByTestId('field-refresh').check();
  await page.screenshot({ path: `${ARTIFACTS}/console-create-index.png`, fullPage: true });
  await page.getByTestId('save').click();
  await page.waitForURL(`${app}/d/kibana/s/ops/connectors`);
  await page.locator('[data-testid=connector-row] td.name', { hasText: 'Ops audit log' }).waitFor();
  const all = await (await fetch(`${sim.api}/s/ops/api/actions/connectors`, { headers: { authorization: 'Basic ' + btoa('elastic:changeme') } })).json();
  const created = all.find((c) => c.name === 'Ops audit log');
  assert.deepEqual(created.config, { index: 'ops-audit', refresh: true, executionTimeField: null });
  assert.deepEqual(page.errors, []);
});

test('Kibana refusals keep the form filled; other types use raw JSON', async () => {
  const page = await connected();
  await page.getByTestId('create').click();
  await page.getByTestId('type-.inference').click();
  await page.getByTestId('field-name').fill('Inference');
  await page.getByTestId('raw-config').fill('{"apiUrl": "http://127.0.0.1:9"');
  await page.getByTestId('save').click();
  assert.match(await page.getByTestId('error-config').textContent(), /not valid JSON/);
  await page.getByTestId('raw-config').fill('{"apiUrl": "http://127.0.0.1:9", "model": " "}');
  await page.getByTestId('save').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /\(400\): \[request body\.config\.model\]: value '' is not valid/);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Inference', 'the form is kept');
  assert.equal(await page.getByTestId('raw-config').inputValue(), '{"apiUrl": "http://127.0.0.1:9", "model": " "}');
  await page.screenshot({ path: `${ARTIFACTS}/console-create-error.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('delete asks first, warns when in use, and removes the row', async () => {
  // In use by two saved objects that are not rules (set on the admin surface): the usual
  // question warns. Connectors that rules use go through the rules guard (console-rules).
  const created = await fetch(`${sim.api}/api/actions/connector/lonely-log`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + btoa('elastic:changeme'), 'kbn-xsrf': 'e2e', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lonely log', connector_type_id: '.server-log', config: {}, secrets: {} }),
  });
  assert.equal(created.status, 200);
  await fetch(`${sim.api}/__sim/references`, { method: 'POST', body: JSON.stringify({ 'lonely-log': 2 }) });
  const page = await connected();
  const row = page.locator('[data-testid=connector-row][data-id=lonely-log]');
  const asked = dismissNextDialog(page);
  await row.getByTestId('delete').click();
  const message = await asked;
  assert.match(message, /Delete the connector "Lonely log" \(lonely-log\)\?/);
  assert.match(message, /in use by 2/);
  assert.equal(await row.count(), 1, 'dismissed: still there');
  page.once('dialog', (d) => d.accept());
  await row.getByTestId('delete').click();
  await row.waitFor({ state: 'detached' });
  const gone = await fetch(`${sim.api}/api/actions/connector/lonely-log`, { headers: { authorization: 'Basic ' + btoa('elastic:changeme') } });
  assert.equal(gone.status, 404);
  assert.deepEqual(page.errors, []);
});
