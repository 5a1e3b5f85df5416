// One header on every page (Connectors of the current space, All spaces, Export / import,
// the current space), breadcrumbs on connector pages, and the table's Compatibility column
// with its feature filter, its cells aligned on each row.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, api, connect, launchBrowser, newPage, serveStatic, startSim, stopAll } from './harness.mjs';

let app, sim, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--seed', '--cors-origin', app]);
  browser = await launchBrowser();
});
after(stopAll);

const currentLink = (page) => page.locator('.topnav a[aria-current=page]').getAttribute('data-testid');

test('the same header on every page, marking where you are and the current space', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  assert.equal(await currentLink(page), 'nav-connectors');
  assert.equal(await page.getByTestId('current-space').textContent(), 'Space default');
  await page.getByTestId('space-switcher').selectOption('marketing');
  await page.waitForURL(/\/s\/marketing\/connectors$/);
  await page.getByTestId('current-space').filter({ hasText: 'marketing' }).waitFor();

  await page.getByTestId('all-spaces').click();
  await page.waitForURL(`${app}/all/connectors`);
  assert.equal(await currentLink(page), 'all-spaces');
  // Pages of no space keep the last one: Connectors leads back to it.
  assert.equal(await page.getByTestId('current-space').textContent(), 'Space marketing');
  assert.equal(await page.getByTestId('nav-connectors').getAttribute('href'), '/d/kibana/s/marketing/connectors');

  await page.getByTestId('transfer').click();
  await page.waitForURL(`${app}/d/kibana/transfer`);
  assert.equal(await currentLink(page), 'transfer');
  await page.getByTestId('nav-connectors').click();
  await page.waitForURL(/\/s\/marketing\/connectors$/);
  assert.deepEqual(page.errors, []);
});

test('a connector page has breadcrumbs back to its space', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await page.locator('[data-testid=connector-row][data-id=demo-server-log] [data-testid=connector-link]').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors/demo-server-log`);
  await page.getByTestId('crumb-connector').filter({ hasText: 'Server log' }).waitFor();
  assert.equal(await page.getByTestId('crumb-space').textContent(), 'default');
  assert.equal(await page.locator('.breadcrumbs [aria-current=page]').textContent(), 'Server log');
  await page.getByTestId('back').click();
  await page.waitForURL(/\/s\/default\/connectors$/);
  assert.deepEqual(page.errors, []);
});

test('an id made outside the console, with / ? # % and a space, opens its own page, tabs and runs', async () => {
  // Kibana takes any string as a connector id on POST /api/actions/connector/{id} (Terraform
  // and kibana.yml ids are not the console's slugs); the link must keep it one path segment,
  // and a `%` must survive the router's handling of a clicked link (app.rs, follow_in_app_link).
  const id = 'team a/b#1?x=%25%';
  const made = await api(sim.api, 'POST', `/api/actions/connector/${encodeURIComponent(id)}`, {
    name: 'Odd id', connector_type_id: '.server-log', config: {}, secrets: {},
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await page.getByTestId('connector-row').filter({ hasText: 'Odd id' }).getByTestId('connector-link').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors/${encodeURIComponent(id)}`);
  await page.getByTestId('crumb-connector').filter({ hasText: 'Odd id' }).waitFor();
  await page.getByTestId('tab-test').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors/${encodeURIComponent(id)}?tab=test`);
  await page.getByTestId('run').click();
  await page.locator('[data-testid=run-status]:text("ok")').waitFor();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Odd id');
  // Its row's Test link too.
  await page.getByTestId('back').click();
  await page.getByTestId('connector-row').filter({ hasText: 'Odd id' }).getByTestId('test-link').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors/${encodeURIComponent(id)}?tab=test`);
  await page.getByTestId('crumb-connector').filter({ hasText: 'Odd id' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the Compatibility column shows each type\'s features, filters by one, and cells align', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  const indexRow = page.locator('[data-testid=connector-row][data-id=demo-index]');
  await indexRow.getByTestId('feature').first().waitFor();
  assert.deepEqual(await indexRow.getByTestId('feature').allTextContents(), ['Alerting', 'Uptime', 'Security']);
  // `.server-log` is not a Security connector type; `.index` and `.webhook` are.
  const logRow = page.locator('[data-testid=connector-row][data-id=demo-server-log]');
  await page.getByTestId('feature-filter').selectOption('siem');
  await logRow.waitFor({ state: 'detached' });
  const rows = page.getByTestId('connector-row');
  const left = await rows.evaluateAll((els) => els.map((r) => [...r.querySelectorAll('[data-testid=feature]')].map((b) => b.textContent)));
  assert.ok(left.length >= 2, JSON.stringify(left));
  for (const features of left) assert.ok(features.includes('Security'), `every row left supports Security: ${features}`);
  await page.getByTestId('feature-filter').selectOption('');
  await logRow.waitFor();
  // The actions cell is a table cell like the others, so the row's borders line up.
  const cells = await indexRow.evaluate((r) => [...r.children].map((td) => [getComputedStyle(td).display, td.getBoundingClientRect().top, td.getBoundingClientRect().bottom]));
  for (const [display, top, bottom] of cells) {
    assert.equal(display, 'table-cell');
    assert.equal(top, cells[0][1]);
    assert.equal(bottom, cells[0][2]);
  }
  await page.screenshot({ path: `${ARTIFACTS}/console-compatibility.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('the create form is headed by the type\'s name, its id beside it', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await page.getByTestId('create').click();
  await page.getByTestId('type-.index').click();
  assert.equal(await page.getByTestId('chosen-type-name').textContent(), 'Index');
  assert.equal(await page.getByTestId('chosen-type').textContent(), '.index');
  assert.deepEqual(page.errors, []);
});
