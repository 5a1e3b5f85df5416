// The console's main path against each Kibana line the sim profiles (sim/README.md): connect,
// see the version, list, create, run, edit, delete. The answers differ per line (8.19 serves
// the legacy routes, 9.5 words validation errors with zod and adds connector fields); the
// console must not care.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, api, connect, launchBrowser, newPage, serveStatic, startSim, stopAll } from './harness.mjs';

let app, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  browser = await launchBrowser();
});
after(stopAll);

for (const version of ['8.19.0', '9.2.0', '9.5.0']) {
  test(`Kibana ${version}: connect, list, create, run, edit and delete`, async () => {
    const sim = await startSim(['--seed', '--cors-origin', app, '--kibana-version', version]);
    const page = await newPage(browser);
    await connect(page, app, sim.api);
    assert.equal(await page.getByTestId('kibana-version').textContent(), `Kibana ${version}`);
    await page.getByTestId('connector-row').first().waitFor();
    const seeded = await page.getByTestId('connector-row').count();

    await page.getByTestId('create').click();
    await page.getByTestId('type-.index').click();
    await page.getByTestId('field-name').fill(`Audit ${version}`);
    await page.getByTestId('field-index').fill('audit-docs');
    await page.getByTestId('save-and-test').click();
    await page.waitForURL(/\/s\/default\/connectors\/[^/]+\?tab=test$/);
    const id = new URL(page.url()).pathname.split('/').at(-1);
    await page.getByTestId('run').click();
    await page.getByTestId('run-status').waitFor();
    assert.equal(await page.getByTestId('run-status').textContent(), 'ok');
    assert.match(await page.getByTestId('run-data').textContent(), /audit-docs/);

    await page.getByTestId('tab-edit').click();
    await page.getByTestId('field-name').fill(`Audit ${version} (renamed)`);
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    assert.equal(await page.getByTestId('connector-name').textContent(), `Audit ${version} (renamed)`);
    const stored = await api(sim.api, 'GET', `/api/actions/connector/${id}`);
    assert.equal(stored.body.name, `Audit ${version} (renamed)`);

    await page.getByTestId('back').click();
    const row = page.locator(`[data-testid=connector-row][data-id="${id}"]`);
    await row.waitFor();
    assert.equal(await page.getByTestId('connector-row').count(), seeded + 1);
    page.once('dialog', (d) => d.accept());
    await row.getByTestId('delete').click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await api(sim.api, 'GET', `/api/actions/connector/${id}`)).status, 404);
    await page.screenshot({ path: `${ARTIFACTS}/console-kibana-${version}.png`, fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}
