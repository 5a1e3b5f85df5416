// The connection screen: the CORS doctor with the kibana.yml fix, "Check connection", saved
// connections, keyboard-only use, copy to clipboard, and dark mode.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, connect, launchBrowser, newPage, serveStatic, startSim, stopAll, tabTo , setUrl } from './harness.mjs';

let app, sim, closed, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--seed', '--cors-origin', app]);
  closed = await startSim([]); // CORS off, as Kibana ships
  browser = await launchBrowser();
});
after(stopAll);

test('a CORS-blocked Kibana gets a plain explanation and the kibana.yml lines to copy', async () => {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${app}/connect`);
  await setUrl(page, closed.api);
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('connect').click();
  const diagnosis = page.getByTestId('diagnosis');
  await diagnosis.waitFor();
  assert.match(await page.getByTestId('diagnosis-text').textContent(), /reachable, but it does not allow pages from/);
  assert.equal(await page.getByTestId('kibana-yml').textContent(),
    `server.cors.enabled: true\nserver.cors.allowOrigin: ["${app}"]\n`);
  await page.getByTestId('copy-yml').click();
  await page.locator('[data-testid=copy-yml]:text("Copied")').waitFor();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /server\.cors\.enabled: true/);
  assert.equal(await page.getByTestId('kibana-url').inputValue(), closed.api, 'the form keeps what was typed');
  assert.equal(page.url(), `${app}/connect`);
  await page.screenshot({ path: `${ARTIFACTS}/console-cors-blocked.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('"Check connection" reports success, bad credentials and an unreachable address', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/connect`);
  const check = async (url, secret) => {
    await setUrl(page, url);
    await page.getByTestId('secret').fill(secret);
    await page.getByTestId('check').click();
    await page.getByTestId('diagnosis').waitFor();
    return page.getByTestId('diagnosis-text').textContent();
  };
  assert.match(await check(sim.api, 'changeme'), /^Connected to Kibana 9\.5\.0 at /);
  assert.match(await check(sim.api, 'wrong'), /did not accept the credentials \(401\)/);
  assert.match(await check('http://127.0.0.1:9', 'changeme'), /^Nothing answered at http:\/\/127\.0\.0\.1:9/);
  await setUrl(page, 'localhost:5601');
  await page.getByTestId('check').click();
  assert.match(await page.getByTestId('error-url').textContent(), /http:\/\//);
  assert.equal(await page.getByTestId('diagnosis').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('saved connections keep settings, never secrets, and can be used or forgotten', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await page.goto(`${app}/connect`);
  const saved = page.getByTestId('saved-connection');
  await saved.first().waitFor();
  assert.match(await saved.first().textContent(), new RegExp(`${sim.api.replace(/[.]/g, '\\.')} · User name and password \\(elastic\\)`));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('changeme'), 'no secret in localStorage');
  await setUrl(page, 'http://elsewhere.example');
  await saved.first().getByTestId('use-saved').click();
  assert.equal(await page.getByTestId('kibana-url').inputValue(), sim.api);
  assert.equal(await page.getByTestId('secret').inputValue(), '', 'the secret is entered again');
  await saved.first().getByTestId('forget-saved').click();
  assert.equal(await saved.count(), 0);
  assert.deepEqual(page.errors, []);
});

test('keyboard only: connect, open a connector, run it', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/connect`);
  await tabTo(page, 'use-proxy');
  assert.equal(await page.getByTestId('use-proxy').isChecked(), true, 'the proxy is the default');
  await page.keyboard.press('Space');
  await tabTo(page, 'kibana-url');
  await page.keyboard.type(sim.api);
  await tabTo(page, 'username');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('elastic');
  await tabTo(page, 'secret');
  await page.keyboard.type('changeme');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${app}/d/kibana/s/default/connectors`);
  await page.getByTestId('connector-row').first().waitFor();
  await tabTo(page, 'connector-link');
  const name = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/s\/default\/connectors\/[^/?]+$/);
  assert.equal(await page.getByTestId('connector-name').textContent(), name);
  await tabTo(page, 'tab-test');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?tab=test$/);
  await tabTo(page, 'run');
  await page.keyboard.press('Enter');
  await page.getByTestId('run-status').waitFor();
  assert.deepEqual(page.errors, []);
});

test('the default same-origin proxy needs no CORS at all', async () => {
  const proxied = await serveStatic(process.env.DIST_DIR ?? '../../dist', { proxy: closed.api });
  const page = await newPage(browser);
  await page.goto(`${proxied}/connect`);
  assert.equal(await page.getByTestId('kibana-url').inputValue(), '/kibana');
  assert.equal(await page.getByTestId('kibana-url').isDisabled(), true);
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('connect').click();
  await page.waitForURL(`${proxied}/d/kibana/s/default/connectors`);
  await page.getByTestId('empty').waitFor();
  assert.match(await page.getByTestId('connection-badge').textContent(), /Connected to .*\/kibana/);
  assert.deepEqual(page.errors, []);
});

test('dark mode follows prefers-color-scheme', async () => {
  const page = await newPage(browser, { colorScheme: 'dark' });
  await page.goto(`${app}/connect`);
  await page.getByTestId('connect-form').waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(20, 21, 25)');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${ARTIFACTS}/console-dark.png`, fullPage: true });
});
