// The generated npm package (--target web) imported by a page in headless Chromium, running the
// guide's "simple index connector" flow cross-origin against a sim, plus the thrown errors.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, serveStatic, startSim, stopAll } from './harness.mjs';

let app, sim, browser;

const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import init, { Kibana } from './pkg/kibana_connectors.js';
window.runFlow = async (kibanaUrl, esUrl) => {
  await init();
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
window.ready = true;
</script>`;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-pkg-'));
  cpSync(resolve(process.env.NPM_DIR ?? '../../target/npm', 'web'), join(dir, 'pkg'), { recursive: true });
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
