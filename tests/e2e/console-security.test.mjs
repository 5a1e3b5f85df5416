// Security of the console (part of the reliability work): names, configs and Kibana's error
// messages holding HTML/JS are shown as text and never run; planted secrets never reach the
// page, the storages or an export unless the user ticks "remember".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, connect, launchBrowser, newPage, serveStatic, startSim, stopAll } from './harness.mjs';

let app, sim, browser;
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';
const SECRET = 'planted-secret-3f9c2a';

before(async () => {
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--cors-origin', app]);
  browser = await launchBrowser();
});
after(stopAll);

async function watched() {
  const page = await newPage(browser);
  page.dialogs = [];
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss(); });
  return page;
}

test('HTML in names, configs, run data and Kibana errors is shown as text and never runs', async () => {
  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/xss-index', { name: XSS, connector_type_id: '.index', config: { index: `docs-${SCRIPT}` } })).status, 200);
  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/xss-log', { name: SCRIPT, connector_type_id: '.server-log' })).status, 200);
  const page = await watched();
  await connect(page, app, sim.api, { remember: true });
  const row = page.locator('[data-testid=connector-row][data-id=xss-index]');
  await row.waitFor();
  assert.equal(await row.locator('td.name').textContent(), XSS, 'the name is text');
  await page.goto(`${app}/all/connectors`);
  await page.locator('[data-testid=connector-row][data-id=xss-log]').waitFor();
  await page.goto(`${app}/s/default/connectors/xss-index`);
  assert.equal(await page.getByTestId('connector-name').textContent(), XSS);
  assert.equal(await page.getByTestId('field-index').inputValue(), `docs-${SCRIPT}`);
  // Run data echoes the documents back.
  await page.getByTestId('tab-test').click();
  await page.getByTestId('param-documents').fill(JSON.stringify([{ message: XSS }]));
  await page.getByTestId('run').click();
  await page.getByTestId('run-status').waitFor();
  // Kibana's error message quotes the id the user typed.
  await page.goto(`${app}/s/default/connectors/${encodeURIComponent(XSS)}`);
  await page.getByTestId('error').waitFor();
  assert.ok((await page.getByTestId('error').textContent()).includes('<img src=x'), 'the message is shown as text');
  await page.goto(`${app}/transfer`);
  await page.getByTestId('export').click();
  await page.getByTestId('export-json').waitFor();
  // Two frames: everything the export rendered is in the DOM and painted.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');
  assert.equal(await page.locator('main img, main script').count(), 0, 'no element was injected');
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.errors, []);
});

test('planted secrets never reach the page, the storages or an export', async () => {
  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/secret-hook', {
    name: 'Secret hook', connector_type_id: '.webhook', config: { url: 'http://127.0.0.1:9/x', hasAuth: true }, secrets: { user: 'u', password: SECRET },
  })).status, 200);
  const page = await watched();
  await connect(page, app, sim.api, { password: 'changeme' });
  await page.goto(`${app}/connect`);
  const leaks = async (where) => {
    const found = await page.evaluate((s) => ({
      dom: document.documentElement.outerHTML.includes(s),
      local: JSON.stringify({ ...localStorage }).includes(s),
      session: JSON.stringify({ ...sessionStorage }).includes(s),
    }), SECRET);
    assert.deepEqual(found, { dom: false, local: false, session: false }, where);
    const pw = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!pw.includes('changeme'), `${where}: the Kibana password is not stored without "remember"`);
  };
  await leaks('connect page');
  // A session with the password typed in, then errors, runs, edits and an export.
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('connect').click();
  await page.waitForURL(/\/s\/default\/connectors$/);
  await page.locator('[data-testid=connector-row][data-id=secret-hook]').getByTestId('connector-link').click();
  await page.getByTestId('field-password').waitFor();
  assert.equal(await page.getByTestId('field-password').inputValue(), '', 'Kibana never returns it');
  await page.getByTestId('tab-test').click();
  await page.getByTestId('run').click();
  await page.getByTestId('run-status').waitFor();
  await leaks('after a failed run');
  await page.getByTestId('tab-copy').click();
  await page.getByTestId('secret-password').fill(SECRET);
  await leaks('with the secret typed into a password field');
  await page.getByTestId('back').click();
  await page.getByTestId('transfer').click();
  await page.getByTestId('export').click();
  const json = await page.getByTestId('export-json').textContent();
  assert.ok(!json.includes(SECRET) && !json.includes('"password": "'), 'exports carry no secret values');
  await leaks('after an export');
  assert.deepEqual(page.errors, []);
});
