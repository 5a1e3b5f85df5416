// The npm package as users install it: the tarball `npm pack` made, installed into clean
// temporary projects, and used with no manual init from Node, from a Vite build and from a
// webpack 5 build (both run in Chromium against a sim); then `npm publish --dry-run`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { installPacked, launchBrowser, newPage, packageTarball, serveStatic, startSim, stopAll } from './harness.mjs';

const run = promisify(execFile);
let sim, browser;

before(async () => {
  sim = await startSim(['--es-port', '0', '--cors-origin', '*']);
  browser = await launchBrowser();
});
after(stopAll);

function project(prefix) {
  return mkdtempSync(join(tmpdir(), `kc-${prefix}-`));
}

test('Node: import { Kibana } and run the index-connector flow, no init', async () => {
  const dir = project('node');
  await installPacked(dir, { engines: { node: '>=20' } });
  writeFileSync(join(dir, 'seed.mjs'), `import { Kibana } from 'kibana-connectors';
const client = new Kibana(process.env.KIBANA_URL, { username: 'elastic', password: 'changeme' });
const c = await client.actions.create({ name: 'Node index', connector_type_id: '.index', config: { index: 'node-docs', refresh: true } });
const result = await client.actions.execute({ id: c.id, params: { documents: [{ message: 'from node' }] } });
const fetched = await client.actions.get({ id: c.id });
const hits = await (await fetch(process.env.ES_URL + '/node-docs/_search')).json();
await client.actions.delete({ id: c.id });
let gone;
try { await client.actions.get({ id: c.id }); } catch (e) { gone = e.name; }
console.log(JSON.stringify({ entry: import.meta.resolve('kibana-connectors').split('/').pop(), status: result.status, name: fetched.name, document: hits.hits.hits[0]._source.message, gone }));
`);
  const { stdout } = await run('node', ['seed.mjs'], { cwd: dir, env: { ...process.env, KIBANA_URL: sim.api, ES_URL: sim.es }, timeout: 60000 });
  assert.deepEqual(JSON.parse(stdout), { entry: 'node.js', status: 'ok', name: 'Node index', document: 'from node', gone: 'NotFoundError' });
});

/** The page both bundlers build: a connector created, run and deleted, the outcome on <body>. */
const MAIN_JS = `import { Kibana } from 'kibana-connectors';
const kibana = new URLSearchParams(location.search).get('kibana');
const client = new Kibana(kibana, { username: 'elastic', password: 'changeme' });
try {
  const c = await client.actions.create({ name: 'Bundled log', connector_type_id: '.server-log' });
  const run = await client.actions.execute({ id: c.id, params: { message: 'from a bundle' } });
  await client.actions.delete({ id: c.id });
  document.body.dataset.result = JSON.stringify({ status: run.status, type: c.connector_type_id });
} catch (e) {
  document.body.dataset.result = JSON.stringify({ error: e.name + ': ' + e.message });
}
`;

/** Opens the built page at `app` in Chromium; resolves with its outcome and the requests it made. */
async function runBuiltPage(app) {
  const page = await newPage(browser);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(`${app}/?kibana=${encodeURIComponent(sim.api)}`);
  await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 30000 });
  const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
  return { result, wasm, errors: page.errors };
}

test('Vite: a production build of a page using the package runs in Chromium', async () => {
  const dir = project('vite');
  await installPacked(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>vite</title><script type="module" src="/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), MAIN_JS);
  const { build } = await import('vite');
  await build({ root: dir, logLevel: 'warn', configFile: false, build: { outDir: join(dir, 'dist') } });
  const app = await serveStatic(join(dir, 'dist'));
  const { result, wasm, errors } = await runBuiltPage(app);
  assert.deepEqual(result, { status: 'ok', type: '.server-log' });
  // The .wasm was emitted as a hashed asset of the build, not read from node_modules.
  assert.equal(wasm.length, 1, String(wasm));
  assert.match(wasm[0], /^\/assets\/kibana_connectors_bg-[\w-]+\.wasm$/);
  assert.deepEqual(errors, []);
});

test('webpack 5: a production build of a page using the package runs in Chromium', async () => {
  const dir = project('webpack');
  await installPacked(dir);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/main.js'), MAIN_JS);
  const { default: webpack } = await import('webpack');
  const out = join(dir, 'dist');
  const stats = await new Promise((ok, fail) => webpack({
    mode: 'production', context: dir, entry: './src/main.js', target: 'web',
    output: { path: out, filename: 'main.js', publicPath: '/' },
    performance: { hints: false },
  }, (err, s) => (err ? fail(err) : ok(s))));
  assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>webpack</title><script src="/main.js"></script>');
  const app = await serveStatic(out);
  const { result, wasm, errors } = await runBuiltPage(app);
  assert.deepEqual(result, { status: 'ok', type: '.server-log' });
  assert.equal(wasm.length, 1, String(wasm));
  assert.deepEqual(errors, []);
});

test('npm publish --dry-run accepts the tarball, with every file and field a user needs', async () => {
  const { stdout } = await run('npm', ['publish', '--dry-run', '--json', '--tag', 'dry-run', packageTarball()], { cwd: project('publish'), timeout: 120000 });
  // npm prints the report (JSON) after any notices; npm 11 keys it by the package's name.
  const parsed = JSON.parse(stdout.slice(stdout.indexOf('{')));
  const report = parsed.files ? parsed : parsed['kibana-connectors'];
  const files = report.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'index.js', 'index.d.ts', 'node.js', 'kibana_connectors.js', 'kibana_connectors.d.ts', 'kibana_connectors_bg.wasm']) {
    assert.ok(files.includes(f), `${f} in ${files}`);
  }
  assert.equal(report.name, 'kibana-connectors');
  const { stdout: manifest } = await run('tar', ['-xOzf', packageTarball(), 'package/package.json']);
  const pkg = JSON.parse(manifest);
  assert.equal(pkg.license, 'Apache-2.0');
  assert.match(pkg.repository.url, /^git\+https:\/\/.+\.git$/);
  assert.ok(pkg.keywords.includes('kibana') && pkg.keywords.length >= 5, String(pkg.keywords));
  assert.equal(pkg.engines.node, '>=20');
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'node', 'default']);
});
