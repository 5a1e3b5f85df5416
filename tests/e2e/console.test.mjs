// The built console against kibana-sim, in headless Chromium: connect, list, switch space.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, connect, launchBrowser, newPage, serveStatic, setUrl, startSim, stopAll } from './harness.mjs';

let app, sim, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--seed', '--cors-origin', app]);
  browser = await launchBrowser();
});
after(stopAll);

test('connects cross-origin and lists the seeded connectors of the default space', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { waitForList: false });
  await page.waitForURL(`${app}/d/kibana/s/default/connectors`);
  const rows = page.getByTestId('connector-row');
  await rows.first().waitFor();
  const names = await page.locator('[data-testid=connector-row] td.name').allTextContents();
  assert.deepEqual(names, ['Deploy webhook', 'Log Writer', 'Server log']);
  await page.screenshot({ path: `${ARTIFACTS}/console-connectors.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('switching space shows that space and the URL keeps the place on reload', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { remember: true, waitForList: false });
  await page.waitForURL(/\/s\/default\/connectors$/);
  await page.getByTestId('space-switcher').selectOption('marketing');
  await page.waitForURL(`${app}/d/kibana/s/marketing/connectors`);
  await page.locator('[data-testid=connector-row][data-id=demo-slack]').waitFor();
  assert.equal(await page.getByTestId('connector-row').count(), 2);
  await page.reload();
  await page.locator('[data-testid=connector-row][data-id=demo-email]').waitFor();
  assert.equal(page.url(), `${app}/d/kibana/s/marketing/connectors`);
  assert.equal(await page.getByTestId('space-switcher').inputValue(), 'marketing');
  await page.screenshot({ path: `${ARTIFACTS}/console-marketing.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('wrong credentials show Kibana\'s answer and keep what was typed', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api, { password: 'not-the-password', waitForList: false });
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /401/);
  assert.equal(await page.getByTestId('kibana-url').inputValue(), sim.api);
  assert.equal(await page.getByTestId('username').inputValue(), 'elastic');
  assert.deepEqual(page.errors, []);
});

test('a deep link without a remembered secret asks to connect, then opens the link', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/s/marketing/connectors/demo-email?tab=test`);
  await page.waitForURL(/\/connect\?next=/);
  await setUrl(page, sim.api);
  await page.getByTestId('username').fill('elastic');
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('connect').click();
  await page.waitForURL(`${app}/d/kibana/s/marketing/connectors/demo-email?tab=test`);
  await page.getByTestId('run').waitFor();
  assert.equal(await page.getByTestId('connector-name').textContent(), 'Newsletter email');
  assert.deepEqual(page.errors, []);
});
