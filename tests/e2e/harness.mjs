// Shared e2e plumbing: a static server for the built console (with SPA fallback, so deep
// links work), a kibana-sim on a free port, and a headless Chromium. Everything binds to
// 127.0.0.1 on ports the OS picks, and `stopAll()` stops what was started, also on failure.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const started = [];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

/** Serves `dir`; unknown paths get index.html (the console routes on the client). */
export async function serveStatic(dir) {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no built console in ${dir} (run trunk build --release)`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  started.push(() => new Promise((ok) => server.close(ok)));
  return `http://127.0.0.1:${server.address().port}`;
}

/** Starts kibana-sim with extra args; resolves with its API URL (and ES URL when asked). */
export async function startSim(args = []) {
  const bin = process.env.SIM_BIN;
  if (!bin) throw new Error('SIM_BIN must point at the kibana-sim binary (cargo xtask test sets it)');
  const child = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  started.push(() => new Promise((ok) => { if (child.exitCode !== null) return ok(); child.once('exit', ok); child.kill('SIGTERM'); }));
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
  return urls;
}

/** Launches Debian's Chromium headless with the flags this closed network needs. */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  started.push(() => browser.close());
  return browser;
}

/** A page that records uncaught errors, for tests to assert there were none. */
export async function newPage(browser) {
  const page = await browser.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

export const ARTIFACTS = process.env.ARTIFACTS_DIR ?? 'artifacts';

/** Stops everything started, newest first. */
export async function stopAll() {
  while (started.length) {
    try { await started.pop()(); } catch { /* already gone */ }
  }
}
