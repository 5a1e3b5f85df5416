// Managing connectors in the console: edit with the unsaved-changes guard, preconfigured
// connectors read-only, run success and failure, raw JSON params, bulk delete with per-item
// results, and the table at 10,000 connectors (type filter counts, sorting, paging, search).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { api, ARTIFACTS, connect, dismissNextDialog, launchBrowser, newPage, serveStatic, startReceiver, startSim, stopAll } from './harness.mjs';

let app, sim, rx, browser;

const PRECONFIGURED = JSON.stringify({ 'ops-audit-log': { name: 'Audit log (kibana.yml)', actionTypeId: '.server-log' } });

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  rx = await startReceiver();
  sim = await startSim(['--seed', '--admin', '--cors-origin', app, '--set', `xpack.actions.preconfigured=${PRECONFIGURED}`]);
  browser = await launchBrowser();
});
after(stopAll);

async function row(page, id) {
  const r = page.locator(`[data-testid=connector-row][data-id="${id}"]`);
  await r.waitFor();
  return r;
}

test('edit: secrets notice, unsaved-changes guard, save, then run with success and failure', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await (await row(page, 'demo-webhook')).getByTestId('connector-link').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors/demo-webhook`);
  await page.getByTestId('secrets-notice').waitFor();
  assert.equal(await page.getByTestId('field-url').inputValue(), 'http://127.0.0.1:9/hook');
  assert.equal(await page.getByTestId('save').isDisabled(), true, 'nothing to save yet');

  await page.getByTestId('field-name').fill('Deploy webhook (edited)');
  await page.getByTestId('field-url').fill(`${rx.url}/deploy`);
  await page.getByTestId('unsaved').waitFor();
  // Leaving asks first; dismissing keeps the page and what was typed.
  const question = dismissNextDialog(page);
  await page.getByTestId('back').click();
  const asked = await question;
  assert.match(asked, /unsaved changes/);
  assert.equal(page.url(), `${app}/d/kibana/s/default/connectors/demo-webhook`);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Deploy webhook (edited)');
  // Switching to the Test tab and back keeps the draft (both tabs stay mounted).
  await page.getByTestId('tab-test').click();
  await page.getByTestId('run').waitFor();
  await page.getByTestId('tab-edit').click();
  assert.equal(await page.getByTestId('field-url').inputValue(), `${rx.url}/deploy`);

  await page.getByTestId('save').click();
  await page.getByTestId('saved').waitFor();
  assert.equal(await page.getByTestId('connector-name').textContent(), 'Deploy webhook (edited)');
  const stored = await api(sim.api, 'GET', '/api/actions/connector/demo-webhook');
  assert.equal(stored.body.config.url, `${rx.url}/deploy`);

  // Run: success, then failure with the service's message; both in the session history.
  await page.getByTestId('tab-test').click();
  await page.getByTestId('param-body').fill('{"release": "1.2.3"}');
  await page.getByTestId('run').click();
  await page.getByTestId('run-status').waitFor();
  assert.equal(await page.getByTestId('run-status').textContent(), 'ok');
  assert.equal(rx.requests.at(-1).path, '/deploy');
  assert.equal(rx.requests.at(-1).body, '{"release": "1.2.3"}');

  await page.getByTestId('tab-edit').click();
  await page.getByTestId('field-url').fill(`${rx.url}/fail`);
  await page.getByTestId('save').click();
  await page.getByTestId('saved').waitFor();
  await page.getByTestId('tab-test').click();
  await page.getByTestId('run').click();
  await page.locator('[data-testid=run-status]:text("error")').waitFor();
  assert.match(await page.getByTestId('run-message').textContent(), /error/i);
  assert.match(await page.getByTestId('run-service-message').textContent(), /500/);
  const history = page.getByTestId('run-history-item');
  assert.deepEqual(await history.evaluateAll((els) => els.map((e) => e.dataset.ok)), ['false', 'true']);
  await page.screenshot({ path: `${ARTIFACTS}/console-run-failure.png`, fullPage: true });

  // A deep link survives a reload (the secret was remembered for the session).
  await page.goto(`${app}/s/default/connectors/demo-webhook?tab=test`);
  await page.getByTestId('run').waitFor();
  assert.equal(await page.getByTestId('connector-name').textContent(), 'Deploy webhook (edited)');
  assert.deepEqual(page.errors, []);
});

test('raw JSON params are checked before sending; an unknown connector says so', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await page.goto(`${app}/s/default/connectors/demo-server-log?tab=test`);
  await page.getByTestId('raw-toggle').check();
  const raw = page.getByTestId('raw-params');
  assert.match(await raw.inputValue(), /"level": "info"/, 'the form carries over');
  await raw.fill('{"message": ');
  await page.getByTestId('run').click();
  assert.match(await page.getByTestId('error-params').textContent(), /not valid JSON/);
  await raw.fill('{"message": "from raw JSON", "level": "loud"}');
  assert.equal(await page.getByTestId('error-params').count(), 0, 'editing clears the error');
  await page.getByTestId('run').click();
  await page.getByTestId('run-result').waitFor();
  // Kibana's own validation message comes back as the run's error.
  assert.match(await page.getByTestId('run-result').textContent(), /level/);
  await raw.fill('{"message": "from raw JSON"}');
  await page.getByTestId('run').click();
  await page.locator('[data-testid=run-status]:text("ok")').waitFor();

  await page.goto(`${app}/s/default/connectors/no-such-connector`);
  await page.getByTestId('error').waitFor();
  assert.match(await page.getByTestId('error').textContent(), /404/);
  assert.deepEqual(page.errors, []);
});

test('preconfigured connectors are read-only but can be run', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  const r = await row(page, 'ops-audit-log');
  assert.match(await r.textContent(), /preconfigured/);
  assert.equal(await r.getByTestId('select').count(), 0);
  assert.equal(await r.getByTestId('delete').count(), 0);
  await r.getByTestId('connector-link').click();
  await page.getByTestId('read-only').waitFor();
  assert.equal(await page.getByTestId('field-name').isDisabled(), true);
  assert.equal(await page.getByTestId('save').count(), 0);
  assert.equal(await page.getByTestId('delete').count(), 0);
  await page.getByTestId('tab-test').click();
  await page.getByTestId('run').click();
  await page.locator('[data-testid=run-status]:text("ok")').waitFor();
  assert.deepEqual(page.errors, []);
});

test('bulk delete reports each item; one failure does not hide the others', async () => {
  for (const n of [1, 2, 3]) {
    const res = await api(sim.api, 'POST', `/api/actions/connector/bulk-del-${n}`, { name: `Bulk ${n}`, connector_type_id: '.server-log', config: {}, secrets: {} });
    assert.equal(res.status, 200);
  }
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  for (const n of [1, 2, 3]) await (await row(page, `bulk-del-${n}`)).getByTestId('select').check();
  assert.equal(await page.getByTestId('delete-selected').textContent(), 'Delete selected (3)');
  // Someone else deletes one in the meantime.
  assert.equal((await api(sim.api, 'DELETE', '/api/actions/connector/bulk-del-2')).status, 204);
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await page.getByTestId('delete-selected').click();
  await page.getByTestId('bulk-results').waitFor();
  assert.match(asked, /Delete 3 connectors\?/);
  const outcomes = await page.getByTestId('bulk-result').evaluateAll((els) => els.map((e) => [e.dataset.id, e.dataset.ok, e.textContent]));
  assert.deepEqual(outcomes.map(([id, ok]) => [id, ok]), [['bulk-del-1', 'true'], ['bulk-del-2', 'false'], ['bulk-del-3', 'true']]);
  assert.match(outcomes[1][2], /404/);
  assert.match(await page.getByTestId('bulk-results').textContent(), /Deleted 2 of 3; 1 failed\./);
  await page.screenshot({ path: `${ARTIFACTS}/console-bulk-delete.png`, fullPage: true });
  await page.locator('[data-testid=connector-row][data-id="bulk-del-1"]').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('delete-selected').textContent(), 'Delete selected (1)', 'the failed one stays selected');
  assert.deepEqual(page.errors, []);
});

test('a row copies its id; ticks follow select-all and stay through a re-sort', async () => {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await connect(page, app, sim.api);
  const r = await row(page, 'demo-webhook');
  await r.getByTestId('copy-id').click();
  await r.locator('[data-testid=copy-id]:text("Copied")').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'demo-webhook');
  // The row's checkbox and the header's stay in step both ways.
  await r.getByTestId('select').check();
  assert.match(await page.getByTestId('run-selected').textContent(), /\(1\)/);
  await page.getByTestId('select-all').check();
  const boxes = page.locator('[data-testid=connector-row] [data-testid=select]');
  const count = await boxes.count();
  assert.ok(count > 1);
  assert.deepEqual(await boxes.evaluateAll((els) => els.map((e) => e.checked)), Array(count).fill(true));
  await page.getByTestId('select-all').uncheck();
  assert.deepEqual(await boxes.evaluateAll((els) => els.map((e) => e.checked)), Array(count).fill(false));
  // A tick survives the table being rebuilt in another order, on the same row.
  await (await row(page, 'demo-webhook')).getByTestId('select').check();
  await page.getByTestId('sort-id').click();
  await page.locator('[data-testid=sort-id]:text("▲")').waitFor();
  assert.equal(await (await row(page, 'demo-webhook')).getByTestId('select').isChecked(), true);
  assert.equal(await page.locator('[data-testid=connector-row] [data-testid=select]:checked').count(), 1);
  assert.deepEqual(page.errors, []);
});

test('10,000 connectors: type filter with counts, sorting, paging and search', async () => {
  assert.equal((await api(sim.api, 'POST', '/api/spaces/space', { id: 'scale', name: 'Scale' })).status, 200);
  const bulk = await fetch(`${sim.api}/__sim/bulk`, { method: 'POST', body: JSON.stringify({ space: 'scale', count: 10000, prefix: 'load' }) });
  assert.equal(bulk.status, 200);
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true });
  await page.goto(`${app}/s/scale/connectors`);
  await page.getByTestId('connector-row').first().waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId('connector-row').count(), 50, 'one page is rendered');
  // 10,000 stored plus the preconfigured one, which Kibana lists in every space.
  assert.match(await page.getByTestId('page-label').textContent(), /^1–50 of 10001 · page 1 of 201$/);
  const options = await page.getByTestId('type-filter').locator('option').allTextContents();
  assert.deepEqual(options, ['All types (10001)', 'Index (5000)', 'Server log (5001)'], 'the preconfigured connector is in every space');

  await page.getByTestId('type-filter').selectOption('.index');
  await page.locator('[data-testid=page-label]:text-matches("of 5000 ")').waitFor();
  assert.equal(await page.locator('th[aria-sort=ascending]').textContent(), 'Name ▲', 'sorted by name by default');
  await page.getByTestId('sort-name').click();
  await page.locator('th[aria-sort=descending]').waitFor();
  assert.equal(await page.locator('[data-testid=connector-row] td.name').first().textContent(), 'load 10000');
  await page.getByTestId('next-page').click();
  await page.locator('[data-testid=page-label]:text-matches("^51–100 of 5000")').waitFor();

  await page.getByTestId('search').fill('load 0999');
  await page.locator('[data-testid=page-label]:text-matches("of 5 ·")').waitFor();
  const names = await page.locator('[data-testid=connector-row] td.name').allTextContents();
  assert.deepEqual(names, ['load 09998', 'load 09996', 'load 09994', 'load 09992', 'load 09990']);
  assert.deepEqual(await page.getByTestId('type-filter').locator('option').allTextContents(),
    ['All types (10)', 'Index (5)', 'Server log (5)'], 'counts follow the search');
  await page.getByTestId('search').fill('nothing like this');
  assert.equal(await page.getByTestId('empty').textContent(), 'No connectors match.');
  await page.screenshot({ path: `${ARTIFACTS}/console-10000.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});
