// Shared e2e plumbing: a static server for the built console (with SPA fallback, so deep
// links work), a kibana-sim on a free port, and a headless Chromium. Everything binds to
// 127.0.0.1 on ports the OS picks, and `stopAll()` stops what was started, also on failure.
import { execFile, spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

/** What each test file started, as `{ what, stop }`, for `stopAll` to stop newest first. */
const started = [];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

/**
 * Serves `dir`; unknown paths get index.html (the console routes on the client). With
 * `proxy`, `/kibana/...` is forwarded there, as `cargo xtask console` does.
 */
export async function serveStatic(dir, { proxy } = {}) {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no built console in ${dir} (run trunk build --release)`);
  const server = createServer((req, res) => {
    if (proxy && (req.url === '/kibana' || req.url.startsWith('/kibana/'))) {
      const target = new URL(req.url.slice('/kibana'.length) || '/', proxy);
      const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => { res.writeHead(502); res.end(); });
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  // Idle keep-alive and proxied connections would hold close() open: end them too.
  started.push({ what: 'static file server', stop: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }) });
  return `http://127.0.0.1:${server.address().port}`;
}

/** Starts kibana-sim with extra args; resolves with its API URL (and ES URL when asked). */
export async function startSim(args = []) {
  const bin = process.env.SIM_BIN;
  if (!bin) throw new Error('SIM_BIN must point at the kibana-sim binary (cargo xtask test sets it)');
  const child = spawn(bin, [...(args.includes('--port') ? [] : ['--port', '0']), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  // A child killed by a signal has exitCode null and signalCode set: either means it is gone,
  // and waiting for an 'exit' that already fired would hang the whole test file.
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const stop = (signal) => new Promise((ok) => { if (gone()) return ok(); child.once('exit', ok); child.kill(signal); });
  started.push({ what: 'kibana-sim', stop: () => stop('SIGTERM') });
  const urls = {};
  const lines = createInterface({ input: child.stdout });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kibana-sim did not start:\n${log}`)), 20000);
    child.once('exit', (code) => reject(new Error(`kibana-sim exited with ${code}:\n${log}`)));
    lines.on('line', (line) => {
      const api = line.match(/listening on (\S+)/);
      const es = line.match(/elasticsearch on (\S+)/);
      if (api) urls.api = api[1];
      if (es) urls.es = es[1];
      if (urls.api && (!args.includes('--es-port') || urls.es)) { clearTimeout(timer); resolve(); }
    });
  });
  // A Kibana that disappears: SIGKILL, resolved once the process is gone.
  urls.kill = () => stop('SIGKILL');
  return urls;
}

/**
 * A local stand-in for the services connectors call (webhooks, Slack, PagerDuty, ServiceNow,
 * Jira, Opsgenie, Slack API): records every request and answers what each service would.
 * Paths under `/fail` answer 500, for failure paths.
 */
export async function startReceiver() {
  const requests = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      requests.push({ method: req.method, path: req.url, headers: req.headers, body });
      const reply = (status, value) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const path = req.url;
      if (path.startsWith('/fail')) return reply(500, { error: 'the receiver was told to fail' });
      // ServiceNow as Kibana's own simulator answers it (`servicenow_simulation.ts`): the
      // Elastic application's health, its Import Set table, and the incident table.
      if (path.includes('/elastic_api/health')) return reply(200, { result: { name: 'Elastic', scope: 'x_elas2_inc_int', version: '1.0.0' } });
      if (path.startsWith('/api/global/em/jsonv2')) return reply(200, { result: { 'Default Bulk Endpoint': '1 events were inserted' } });
      if (path.startsWith('/api/now/import/')) return reply(201, { import_set: 'ISET01', result: [{ sys_id: 'sn-1', status: 'inserted', display_value: 'INC0010001' }] });
      if (path.startsWith('/api/now/')) return reply(201, { result: { sys_id: 'sn-1', number: 'INC0010001', sys_created_on: '2026-12-01 10:00:00' } });
      if (path.startsWith('/rest/api/2/issue')) return reply(201, { id: '10000', key: 'OPS-1' });
      if (path.startsWith('/v2/alerts')) return reply(202, { result: 'Request will be processed', took: 0.01, requestId: 'r-1' });
      // OpenAI's chat completions, an MCP server (JSON-RPC) and a ticketing system for the
      // cases webhook.
      if (path.startsWith('/v1/chat/completions')) return reply(200, { id: 'c-1', choices: [{ message: { role: 'assistant', content: 'Hello from the receiver' } }], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } });
      if (path.startsWith('/mcp')) {
        res.setHeader('mcp-session-id', 'e2e-session');
        const call = JSON.parse(body || '{}');
        return reply(200, { jsonrpc: '2.0', id: call.id, result: call.method === 'tools/list' ? { tools: [{ name: 'echo', description: 'Says it back' }] } : { protocolVersion: '2025-06-18', capabilities: {} } });
      }
      if (path.startsWith('/tickets/issue')) return reply(200, { id: 'T-7', key: 'OPS-7' });
      // An OAuth 2.0 token endpoint (the client-credentials grant).
      if (path.startsWith('/oauth/token')) return reply(200, { access_token: 'e2e-access-token', token_type: 'Bearer', expires_in: 3600 });
      if (path.startsWith('/api/chat.postMessage')) return reply(200, { ok: true, channel: 'C1', ts: '1.2', message: { text: 'ok' } });
      return reply(202, { status: 'success', message: 'Event processed', dedup_key: 'dk-1' });
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  started.push({ what: 'receiver', stop: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }) });
  return { url: `http://127.0.0.1:${server.address().port}`, requests };
}

/** Launches Debian's Chromium headless with the flags this closed network needs. */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  started.push({ what: 'Chromium', stop: () => browser.close() });
  return browser;
}

/**
 * A page that records uncaught errors, for tests to assert there were none. Content-Security-
 * Policy violations count as errors too (every page of the built console carries a strict
 * policy), and each is kept in `page.cspViolations` as `{ directive, blocked, source }`.
 */
export async function newPage(browser, options = {}) {
  const page = await browser.newPage(options);
  page.errors = [];
  page.cspViolations = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.exposeFunction('__reportCspViolation', (v) => {
    page.cspViolations.push(v);
    page.errors.push(`CSP violation: ${v.directive} blocked ${v.blocked} (${v.source})`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  return page;
}

/** Registers something a test started by hand (a server), for `stopAll` to stop. */
export function onStop(what, stop) {
  started.push({ what, stop });
}

/** A TCP port free on 127.0.0.1 right now (for servers that cannot be told to pick one). */
export async function freePort() {
  const server = createTcpServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Where `cargo xtask package` put the npm package and its tarball. */
const NPM_DIR = resolve(process.env.NPM_DIR ?? new URL('../../target/npm', import.meta.url).pathname);

/** The npm package's directory (what `npm pack` packed). */
export function packageDir() {
  const dir = join(NPM_DIR, 'kibana-connectors');
  if (!existsSync(join(dir, 'package.json'))) throw new Error(`no npm package in ${dir} (cargo xtask package)`);
  return dir;
}

/** The tarball `npm pack` made of the package, as a user would download it. */
export function packageTarball() {
  const { version } = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8'));
  const tarball = join(NPM_DIR, `kibana-connectors-${version}.tgz`);
  if (!existsSync(tarball)) throw new Error(`no tarball ${tarball} (cargo xtask package)`);
  return tarball;
}

/**
 * Makes `dir` a clean npm project (`package.json` with `extra` merged in) and installs the
 * packed tarball into it with npm, as `npm install kibana-connectors` would.
 */
export async function installPacked(dir, extra = {}) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kc-consumer', private: true, type: 'module', ...extra }, null, 2));
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--offline', packageTarball()], { cwd: dir, timeout: 120000 });
}

export const ARTIFACTS = process.env.ARTIFACTS_DIR ?? 'artifacts';

/**
 * Stops everything started, newest first. Each stop gets ten seconds, so one that cannot
 * finish is reported instead of keeping the test file (and CI) waiting forever.
 */
export async function stopAll() {
  const stuck = [];
  while (started.length) {
    const { what, stop } = started.pop();
    let timer;
    const limit = new Promise((ok) => { timer = setTimeout(() => ok('stuck'), 10000); });
    try {
      if (await Promise.race([stop(), limit]) === 'stuck') stuck.push(what);
    } catch { /* already gone */ } finally { clearTimeout(timer); }
  }
  if (stuck.length) throw new Error(`could not stop within 10 s: ${stuck.join(', ')}`);
}

/** Types a Kibana URL, leaving the same-origin proxy (the default) first. */
export async function setUrl(page, url) {
  await page.getByTestId('use-proxy').setChecked(false);
  await page.getByTestId('kibana-url').fill(url);
}

/**
 * Connects the console at `app` to `simUrl` as elastic (basic auth) and, unless told not to
 * (a connection expected to fail), waits for the list.
 */
export async function connect(page, app, simUrl, { password = 'changeme', remember = false, waitForList = true } = {}) {
  await page.goto(`${app}/connect`);
  await setUrl(page, simUrl);
  await page.getByTestId('username').fill('elastic');
  await page.getByTestId('secret').fill(password);
  if (remember) await page.getByTestId('remember').check();
  await page.getByTestId('connect').click();
  if (waitForList) await page.waitForURL(/\/s\/default\/connectors$/);
}

const SUPERUSER = `Basic ${Buffer.from('elastic:changeme').toString('base64')}`;

/** Calls the Kibana API of the sim at `simUrl` as the superuser: `{status, body}` (body null when none). */
export async function api(simUrl, method, path, body) {
  const res = await fetch(`${simUrl}${path}`, {
    method,
    headers: { authorization: SUPERUSER, 'kbn-xsrf': 'e2e', 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Queues one fault on the admin surface of the sim at `simUrl` (started with `--admin`). */
export async function fault(simUrl, f) {
  const res = await fetch(`${simUrl}/__sim/faults`, { method: 'POST', body: JSON.stringify({ faults: [f] }) });
  if (res.status !== 200) throw new Error(`queuing a fault: ${res.status} ${await res.text()}`);
}

/**
 * Dismisses the next dialog (confirm, alert) the page opens and resolves with its message:
 * start it before the click that opens the dialog, await it after.
 */
export function dismissNextDialog(page) {
  return new Promise((resolve) => {
    page.once('dialog', async (dialog) => {
      const message = dialog.message();
      await dialog.dismiss();
      resolve(message);
    });
  });
}

/**
 * Goes to an app path without reloading the page (the connection lives in memory, so a
 * reload would ask for the secret again), as a link inside the console would.
 */
export async function goInApp(page, path) {
  // A real link, clicked: the router takes it as its own navigation (a hand-made popstate
  // would leave the router's idea of the history behind the address bar).
  await page.evaluate((to) => {
    const a = document.createElement('a');
    a.href = to;
    a.hidden = true;
    document.querySelector('main').append(a);
    a.click();
    a.remove();
  }, path);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}

/**
 * Presses Tab until the element with `testid` has focus (keyboard-only paths).
 *
 * Waits first for the element to be shown, as a keyboard user waits to see the field before
 * reaching for it: the pages after a navigation are chunks fetched on demand, and Tabs pressed
 * while "Loading…" is shown only cycle through the shell, using up `max` on a busy machine.
 */
export async function tabTo(page, testid, max = 40) {
  await page.getByTestId(testid).first().waitFor({ state: 'visible' });
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (here === testid) return;
  }
  throw new Error(`${testid} was not reachable with Tab`);
}
