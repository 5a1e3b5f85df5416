// The console deployed as deploy/nginx.conf says: Debian's nginx on a free port serving what
// `cargo xtask dist` writes for the same-origin proxy (DEPLOY_DIR, made by the e2e tier), with
// /kibana/ proxied to a sim. Checked over HTTP (headers, caching, gzip, the SPA fallback, the
// body limit) and in Chromium (connect through the proxy, list, create, run, delete, a deep
// link reloaded), with not one Content-Security-Policy violation on any page.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { api, freePort, launchBrowser, newPage, onStop, startSim, stopAll } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const DEPLOY = resolve(process.env.DEPLOY_DIR ?? join(here, '../../target/deploy'));
let app, sim, browser, prefix;

/** deploy/nginx.conf with its three EDIT values (and the install path) substituted. */
function siteConfig(port, simPort) {
  const original = readFileSync(join(here, '../../deploy/nginx.conf'), 'utf8');
  const substituted = original
    .replace('server kibana.internal.example:5601;', `server 127.0.0.1:${simPort};`)
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replaceAll('/srv/kibana-console', DEPLOY);
  // Each substitution took: the file still has the lines a user is told to edit.
  assert.notEqual(substituted.indexOf(`127.0.0.1:${simPort}`), -1);
  assert.notEqual(substituted.indexOf(`listen 127.0.0.1:${port}`), -1);
  assert.equal(substituted.includes('/srv/kibana-console'), false);
  return substituted;
}

/** The main nginx.conf around it: everything in the test's own prefix, in the foreground. */
function mainConfig(dir) {
  return `${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/kibana-console.conf;
}
`;
}

before(async () => {
  assert.ok(existsSync(NGINX), `${NGINX} is missing (cargo xtask test installs Debian's nginx)`);
  assert.ok(existsSync(join(DEPLOY, 'public/index.html')), `no deployment in ${DEPLOY} (the e2e tier writes it)`);
  sim = await startSim(['--seed']);
  const simPort = new URL(sim.api).port;
  const port = await freePort();
  prefix = mkdtempSync(join(tmpdir(), 'kc-nginx-'));
  writeFileSync(join(prefix, 'kibana-console.conf'), siteConfig(port, simPort));
  writeFileSync(join(prefix, 'nginx.conf'), mainConfig(prefix));
  await promisify(execFile)(NGINX, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')]);
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  onStop('nginx', () => new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once('exit', ok);
    child.kill('SIGQUIT');
  }));
  app = `http://127.0.0.1:${port}`;
  // Up when it answers (it binds before it serves).
  const deadline = Date.now() + 15000;
  for (;;) {
    const up = await fetch(`${app}/index.html`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`nginx did not start:\n${log}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  browser = await launchBrowser();
});
after(stopAll);

const POLICY = () => readFileSync(join(DEPLOY, 'csp.txt'), 'utf8').trim();

function assertSecurityHeaders(res, what) {
  assert.equal(res.headers.get('content-security-policy'), POLICY(), what);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
  assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/, what);
}

test('the page, its deep links and its hashed assets carry the security headers and the right caching', async () => {
  const policy = POLICY();
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'", "connect-src 'self'"]) {
    assert.ok(policy.split('; ').includes(directive), `${directive} in ${policy}`);
  }
  for (const path of ['/', '/index.html', '/s/marketing/connectors/demo-email?tab=test', '/connect']) {
    const res = await fetch(`${app}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /^text\/html/, path);
    assert.equal(res.headers.get('cache-control'), 'no-cache', path);
    assertSecurityHeaders(res, path);
    assert.match(await res.text(), /<meta http-equiv="Content-Security-Policy"/, path);
  }
  const assets = readdirSync(join(DEPLOY, 'public')).filter((f) => f !== 'index.html');
  assert.ok(assets.some((f) => f.endsWith('.wasm')), String(assets));
  for (const file of assets) {
    const res = await fetch(`${app}/${file}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    // gzip_min_length 1024: the small loader goes as it is.
    const size = statSync(join(DEPLOY, 'public', file)).size;
    assert.equal(res.headers.get('content-encoding'), size >= 1024 ? 'gzip' : null, file);
    assertSecurityHeaders(res, file);
    if (file.endsWith('.wasm')) assert.equal(res.headers.get('content-type'), 'application/wasm');
  }
  // An asset of another release is missing, not the page in its place.
  const stale = await fetch(`${app}/kibana-console-0123456789abcdef_bg.wasm`);
  assert.equal(stale.status, 404);
});

test('the proxy passes Kibana through, refuses bodies over server.maxPayload, and adds the security headers', async () => {
  const listed = await api(`${app}/kibana`, 'GET', '/api/actions/connectors');
  assert.equal(listed.status, 200);
  assert.ok(listed.body.some((c) => c.id === 'demo-webhook'), JSON.stringify(listed.body));
  const res = await fetch(`${app}/kibana/api/actions/connectors`);
  assert.equal(res.status, 401, "Kibana's own answer passes through");
  assert.match(res.headers.get('cache-control'), /\bno-store\b/, "Kibana's own caching header passes through");
  assertSecurityHeaders(res, '/kibana/');
  const big = await fetch(`${app}/kibana/api/actions/connector`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'e2e' },
    body: JSON.stringify({ name: 'x'.repeat(1100 * 1024), connector_type_id: '.server-log' }),
  });
  assert.equal(big.status, 413);
});

test('the console through nginx: connect by the proxy, list, create, run, delete, a deep link reloaded, no policy violation', async () => {
  const page = await newPage(browser);
  await page.goto(`${app}/connect`);
  assert.equal(await page.getByTestId('kibana-url').inputValue(), '/kibana');
  await page.getByTestId('secret').fill('changeme');
  await page.getByTestId('remember').check();
  await page.getByTestId('connect').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors`);
  await page.locator('[data-testid=connector-row][data-id=demo-webhook]').waitFor();
  assert.match(await page.getByTestId('connection-badge').textContent(), /\/kibana/);

  await page.getByTestId('create').click();
  await page.getByTestId('type-search').fill('server log');
  await page.getByTestId('type-.server-log').click();
  await page.getByTestId('field-name').fill('Behind nginx');
  await page.getByTestId('save').click();
  await page.waitForURL(`${app}/d/kibana/s/default/connectors`);
  const row = page.locator('[data-testid=connector-row] td.name', { hasText: 'Behind nginx' });
  await row.waitFor();
  const created = (await api(sim.api, 'GET', '/api/actions/connectors')).body.find((c) => c.name === 'Behind nginx');
  assert.ok(created, 'created in Kibana');

  // A deep link, reloaded: nginx answers the route with the page, the remembered connection
  // brings the connector back.
  const deep = `${app}/d/kibana/s/default/connectors/${created.id}?tab=test`;
  await page.goto(deep);
  await page.reload();
  await page.getByTestId('run').waitFor();
  assert.equal(page.url(), deep);
  assert.equal(await page.getByTestId('connector-name').textContent(), 'Behind nginx');
  await page.getByTestId('run').click();
  const status = page.getByTestId('run-status');
  await status.waitFor();
  assert.equal(await status.textContent(), 'ok');

  await page.goto(`${app}/s/default/connectors`);
  const listed = page.locator(`[data-testid=connector-row][data-id="${created.id}"]`);
  await listed.waitFor();
  page.once('dialog', (d) => d.accept());
  await listed.getByTestId('delete').click();
  await listed.waitFor({ state: 'detached' });
  assert.equal((await api(sim.api, 'GET', `/api/actions/connector/${created.id}`)).status, 404);

  assert.deepEqual(page.cspViolations, []);
  assert.deepEqual(page.errors, []);
  // nginx logged no error of its own (a missing file, a refused upstream) besides the body
  // the proxy test sent over the limit on purpose.
  const errors = readFileSync(join(prefix, 'error.log'), 'utf8').split('\n')
    .filter((l) => /\[(error|crit|alert|emerg)\]/.test(l) && !l.includes('client intended to send too large body'));
  assert.deepEqual(errors, []);
});
