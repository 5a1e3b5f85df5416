// Browser benchmarks for `cargo xtask bench` (not tests: they print figures, never assert
// timings). Each figure is printed beside a baseline measured in the same run, with the ratio.
//   console start  vs  raw fetch of the same list (the floor)
//   client calls   vs  hand-written fetch, in the same page
//   inventory      10,000 connectors in 50 spaces; keystroke to filtered table
//   bulk execute   bounded concurrency vs sequential
//   first download the console's files fetched before the connectors page is usable, gzip
//   apply          1,000 creates at concurrency 6 vs 1
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { api, launchBrowser, packageDir, serveStatic, startSim, stopAll } from './harness.mjs';

const AUTH = `Basic ${Buffer.from('elastic:changeme').toString('base64')}`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x, d = 1) => x.toFixed(d);
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const line = (name, value, unit, baseName, base, extra = '') =>
  console.log(`bench ${name}: ${fmt(value)} ${unit} | baseline ${baseName}: ${fmt(base)} ${unit} | ratio ${fmt(value / base, 2)}${extra}`);

/** The harness's `api`, failing on anything but success or 409 (already there). */
async function apiOk(sim, method, path, body) {
  const { status, body: answer } = await api(sim, method, path, body);
  if (status >= 300 && status !== 409) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`);
  return answer;
}

async function bulk(sim, space, count, prefix) {
  const res = await fetch(`${sim}/__sim/bulk`, { method: 'POST', body: JSON.stringify({ space, count, prefix }) });
  if (!res.ok) throw new Error(`bulk: ${res.status}`);
}

/**
 * Records in the page when the console first shows something (`window.__seen[name]`, in
 * `performance.now()` time), laid out: the moment is taken by a MutationObserver after a forced
 * layout, not by Playwright's polling, which checks at intervals of up to 100 ms and would add
 * its own wait to every figure.
 */
function watchMilestones() {
  window.__seen = {};
  const label = () => document.querySelector('[data-testid=page-label]')?.textContent ?? '';
  const checks = {
    firstRow: () => document.querySelector('[data-testid=connector-row]') !== null,
    table50: () => document.querySelectorAll('[data-testid=connector-row]').length >= 50,
    all10000: () => label().includes('of 10000 '),
    all6000: () => label().includes('of 6000 '),
  };
  new MutationObserver(() => {
    for (const [name, check] of Object.entries(checks)) {
      if (!(name in window.__seen) && check()) {
        void document.body.offsetHeight; // style and layout, as the next frame needs them
        window.__seen[name] = performance.now();
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** When the page first showed `name` (see `watchMilestones`). */
async function seen(page, name) {
  await page.waitForFunction((n) => n in window.__seen, name, { timeout: 120000 });
  return page.evaluate((n) => window.__seen[n], name);
}

/** A page of the console, already connected (settings and secret as the console stores them). */
async function consolePage(browser, app, sim) {
  const context = await browser.newContext();
  await context.addInitScript(([url]) => {
    localStorage.setItem('kibana-console.connection', JSON.stringify({ url, auth: 'basic', username: 'elastic' }));
    sessionStorage.setItem('kibana-console.secret', JSON.stringify('changeme'));
  }, [sim]);
  await context.addInitScript(watchMilestones);
  return context.newPage();
}

async function consoleStart(browser, app) {
  const sim = (await startSim(['--admin', '--cors-origin', app])).api;
  await bulk(sim, 'default', 100, 'start');
  const starts = [];
  const floors = [];
  const paints = [];
  let fetched = [];
  for (let i = 0; i < 10; i += 1) {
    const page = await consolePage(browser, app, sim);
    const files = [];
    page.on('request', (r) => { if (r.url().startsWith(app)) files.push(new URL(r.url()).pathname); });
    // The deployment the stored settings become (named from the URL: an IP gives `kibana`).
    await page.goto(`${app}/d/kibana/s/default/connectors`);
    starts.push(await seen(page, 'table50'));
    paints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    if (i === 0) fetched = [...new Set(files)];
    floors.push(await page.evaluate(async ([url, auth]) => {
      const t0 = performance.now();
      const list = await (await fetch(`${url}/api/actions/connectors`, { headers: { authorization: auth } })).json();
      if (list.length !== 100) throw new Error('list');
      return performance.now() - t0;
    }, [sim, AUTH]));
    await page.context().close();
  }
  const start = median(starts);
  line('console start to table of 100 (median of 10)', start, 'ms', 'raw fetch of the list', median(floors), ` | budget <= 150 ms: ${verdict(start <= 150)}`);
  line('console first paint of the shell (median of 10)', median(paints), 'ms', 'raw fetch of the list', median(floors));
  firstDownload(fetched);
}

/** The console's files the browser fetched before the list was usable, gzip, beside the whole site. */
function firstDownload(paths) {
  const gz = (name) => gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
  const all = readdirSync(dist);
  const wanted = paths.map((p) => (p === '/' || p.startsWith('/d/') ? 'index.html' : p.slice(1))).filter((n) => all.includes(n));
  const first = wanted.reduce((sum, n) => sum + gz(n), 0);
  const whole = all.reduce((sum, n) => sum + gz(n), 0);
  const kb = (b) => b / 1024;
  console.log(`bench first download files: ${wanted.join(', ')}`);
  line('console first download (gzip, fetched before the connectors page is usable)', kb(first), 'KB', 'the whole console', kb(whole), ` | budget <= 200 KB: ${verdict(kb(first) <= 200)}`);
}

const CLIENT_PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import { Kibana } from './pkg/index.js';
window.bench = async (url, auth, n) => {
  const client = new Kibana(url, { username: 'elastic', password: 'changeme' });
  const id = (await client.actions.create({ name: 'bench log', connector_type_id: '.server-log' })).id;
  const headers = { authorization: auth };
  const post = { ...headers, 'kbn-xsrf': 'bench', 'content-type': 'application/json' };
  const params = { message: 'bench', level: 'trace' };
  const ops = {
    get_all: [() => client.actions.getAll(), async () => (await fetch(url + '/api/actions/connectors', { headers })).json()],
    get: [() => client.actions.get({ id }), async () => (await fetch(url + '/api/actions/connector/' + id, { headers })).json()],
    execute: [() => client.actions.execute({ id, params }),
      async () => (await fetch(url + '/api/actions/connector/' + id + '/_execute', { method: 'POST', headers: post, body: JSON.stringify({ params }) })).json()],
  };
  const out = {};
  for (const [name, [viaClient, viaFetch]] of Object.entries(ops)) {
    for (let i = 0; i < 50; i += 1) { await viaFetch(); await viaClient(); } // warm-up
    // Interleaved call by call, so drift in the sim or the browser hits both sides alike.
    let c = 0; let f = 0;
    for (let i = 0; i < n; i += 1) {
      const t0 = performance.now(); await viaFetch();
      const t1 = performance.now(); await viaClient();
      const t2 = performance.now();
      f += t1 - t0; c += t2 - t1;
    }
    // The same calls with six in flight (Chromium's connections per host), in alternating
    // blocks of 100: throughput when calls overlap, as bulk work and busy pages make them.
    const inFlight = async (call, total) => {
      let next = 0;
      await Promise.all(Array.from({ length: 6 }, async () => { while (next < total) { next += 1; await call(); } }));
    };
    let pc = 0; let pf = 0;
    for (let i = 0; i < n; i += 100) {
      const t0 = performance.now(); await inFlight(viaFetch, 100);
      const t1 = performance.now(); await inFlight(viaClient, 100);
      const t2 = performance.now();
      pf += t1 - t0; pc += t2 - t1;
    }
    out[name] = { client: n / (c / 1000), fetch: n / (f / 1000), clientOverlapped: n / (pc / 1000), fetchOverlapped: n / (pf / 1000) };
  }
  const many = Array.from({ length: n }, () => ({ space_id: 'default', id }));
  const t0 = performance.now();
  const seq = await client.bulk.executeMany({ targets: many, params, concurrency: 1 });
  const t1 = performance.now();
  const par = await client.bulk.executeMany({ targets: many, params, concurrency: 6 });
  const t2 = performance.now();
  out.bulk = { sequential: n / ((t1 - t0) / 1000), bounded: n / ((t2 - t1) / 1000), ok: [seq, par].every((r) => r.every((x) => x.ok && x.value.status === 'ok')) };
  // Apply: 1,000 new connectors from a desired set, with progress, one at a time and six.
  const applyOnce = async (prefix, concurrency) => {
    const set = { format: 'kibana-connectors/desired@1', connectors: Array.from({ length: 1000 }, (_, i) =>
      ({ space_id: 'default', id: prefix + '-' + i, name: 'Applied ' + prefix + ' ' + i, connector_type_id: '.server-log', config: {} })) };
    let last = { done: 0, total: 0 };
    const t = performance.now();
    const report = await client.apply({ set, concurrency }, (p) => { last = p; });
    const ms = performance.now() - t;
    const ok = report.results.length === 1000 && report.results.every((r) => r.ok) && last.done === 1000 && last.total === 1000;
    return { rate: 1000 / (ms / 1000), ok };
  };
  const a1 = await applyOnce('apply-seq', 1);
  const a6 = await applyOnce('apply-six', 6);
  out.apply = { sequential: a1.rate, bounded: a6.rate, ok: a1.ok && a6.ok };
  return out;
};
window.ready = true;
</script>`;

async function clientOverhead(browser) {
  const dir = mkdtempSync(join(tmpdir(), 'kc-bench-'));
  cpSync(packageDir(), join(dir, 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), CLIENT_PAGE);
  const app = await serveStatic(dir);
  const sim = (await startSim(['--seed', '--cors-origin', app])).api;
  const page = await browser.newPage();
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.ready === true);
  const n = 1000;
  const out = await page.evaluate(([u, a, k]) => window.bench(u, a, k), [sim, AUTH, n]);
  const budget = (ratio, min) => ` | budget >= ${min}: ${verdict(ratio >= min)}`;
  for (const name of ['get_all', 'get', 'execute']) {
    const r = out[name];
    line(`client ${name} x${n} one at a time`, r.client, 'calls/s', 'hand-written fetch', r.fetch, budget(r.client / r.fetch, 0.93));
    line(`client ${name} x${n} six in flight`, r.clientOverlapped, 'calls/s', 'hand-written fetch', r.fetchOverlapped, budget(r.clientOverlapped / r.fetchOverlapped, 0.95));
  }
  if (!out.bulk.ok) throw new Error('bulk execute had failures');
  line(`bulk execute x${n} .server-log, concurrency 6`, out.bulk.bounded, 'runs/s', 'sequential (concurrency 1)', out.bulk.sequential);
  if (!out.apply.ok) throw new Error(`apply had failures or missed progress: ${JSON.stringify(out.apply)}`);
  line('apply of 1,000 creates (plan included), concurrency 6', out.apply.bounded, 'creates/s', 'sequential (concurrency 1)', out.apply.sequential);
}

async function inventoryAtScale(browser, app) {
  const sim = (await startSim(['--admin', '--cors-origin', app])).api;
  for (let s = 0; s < 50; s += 1) {
    await apiOk(sim, 'POST', '/api/spaces/space', { id: `scale-${s}`, name: `Scale ${s}` });
    await bulk(sim, `scale-${s}`, 200, `s${s}`);
  }
  // 50 spaces of 200, plus the empty default space.
  const page = await consolePage(browser, app, sim);
  await page.goto(`${app}/all/connectors`);
  const loaded = await seen(page, 'all10000');
  const firstRows = await page.evaluate(() => window.__seen.firstRow);
  const floor = await page.evaluate(async ([url, auth]) => {
    const t0 = performance.now();
    const spaces = await (await fetch(`${url}/api/spaces/space`, { headers: { authorization: auth } })).json();
    await Promise.all(spaces.map((s) => fetch(`${url}/s/${s.id}/api/actions/connectors`, { headers: { authorization: auth } }).then((r) => r.json())));
    return performance.now() - t0;
  }, [sim, AUTH]);
  line('inventory 50 spaces x 200 loaded and rendered', loaded, 'ms', 'raw fetch of every space at once', floor, ` | budget <= 2x: ${verdict(loaded <= 2 * floor)}`);
  line('inventory 50 spaces x 200, first rows shown', firstRows, 'ms', 'raw fetch of every space at once', floor);
  // The same load without the page's own start (wasm, shell, the list chunk): from the
  // console's request for the spaces to the last row, beside the same floor.
  const asked = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/spaces/space'))?.startTime ?? NaN);
  line('inventory 50 spaces x 200, from the spaces request to every row', loaded - asked, 'ms', 'raw fetch of every space at once', floor);
  const times = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid=search]');
    const label = () => document.querySelector('[data-testid=page-label]')?.textContent ?? document.querySelector('[data-testid=empty]')?.textContent;
    const out = [];
    for (let i = 0; i < 21; i += 1) {
      const before = label();
      const text = i % 2 ? '' : `s${i} 00${i % 9 + 1}`;
      // Until the table's label changed in the DOM and the page is laid out (the work the
      // next frame waits for), seen by a MutationObserver rather than polled once a frame.
      const t0 = performance.now();
      await new Promise((resolve) => {
        const watch = new MutationObserver(() => {
          if (label() === before) return;
          watch.disconnect();
          void document.body.offsetHeight;
          resolve();
        });
        watch.observe(document.body, { childList: true, subtree: true, characterData: true });
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      out.push(performance.now() - t0);
    }
    return out;
  });
  const keystroke = median(times);
  // Baseline: the same filter as a plain JS loop over the same 10,000 names, in the same page.
  const jsFilter = await page.evaluate(async ([url, auth]) => {
    const spaces = await (await fetch(`${url}/api/spaces/space`, { headers: { authorization: auth } })).json();
    const lists = await Promise.all(spaces.map((s) => fetch(`${url}/s/${s.id}/api/actions/connectors`, { headers: { authorization: auth } }).then((r) => r.json())));
    const all = lists.flat();
    const t = [];
    for (let i = 0; i < 21; i += 1) {
      const needle = `s${i} 00${i % 9 + 1}`;
      const t0 = performance.now();
      all.filter((c) => c.name.toLowerCase().includes(needle) || c.id.includes(needle)).sort((a, b) => a.name.localeCompare(b.name)).slice(0, 50);
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    return t[10];
  }, [sim, AUTH]);
  line('keystroke to filtered table, 10,000 rows (median of 21)', keystroke, 'ms', 'plain JS filter+sort of the same rows', jsFilter, ` | budget <= 16 ms: ${verdict(keystroke <= 16)}`);
}

/** 3 deployments × 20 spaces × 100 connectors in one inventory (printed, no budget). */
async function fleetInventory(browser, app) {
  const sims = [];
  for (let d = 0; d < 3; d += 1) {
    const sim = (await startSim(['--admin', '--cors-origin', app])).api;
    for (let s = 0; s < 20; s += 1) {
      await apiOk(sim, 'POST', '/api/spaces/space', { id: `fleet-${s}`, name: `Fleet ${s}` });
      await bulk(sim, `fleet-${s}`, 100, `d${d}s${s}`);
    }
    sims.push(sim);
  }
  const context = await browser.newContext();
  await context.addInitScript((urls) => {
    const saved = urls.map((url, i) => ({ name: `fleet-${i}`, url, auth: 'basic', username: 'elastic', timeout_secs: '30' }));
    localStorage.setItem('kibana-console.deployments', JSON.stringify(saved));
    localStorage.setItem('kibana-console.connection', JSON.stringify(saved[0]));
    for (const d of saved) sessionStorage.setItem(`kibana-console.secret.${d.name}`, JSON.stringify('changeme'));
  }, sims);
  await context.addInitScript(watchMilestones);
  const page = await context.newPage();
  await page.goto(`${app}/all/connectors`);
  const loaded = await seen(page, 'all6000');
  const floor = await page.evaluate(async ([urls, auth]) => {
    const t0 = performance.now();
    await Promise.all(urls.map(async (url) => {
      const spaces = await (await fetch(`${url}/api/spaces/space`, { headers: { authorization: auth } })).json();
      await Promise.all(spaces.map((s) => fetch(`${url}/s/${s.id}/api/actions/connectors`, { headers: { authorization: auth } }).then((r) => r.json())));
    }));
    return performance.now() - t0;
  }, [sims, AUTH]);
  line('inventory 3 deployments x 20 spaces x 100 loaded and rendered', loaded, 'ms', 'raw fetch of every space of every deployment at once', floor);
  await context.close();
}

const dist = process.env.DIST_DIR ?? '../../dist';
try {
  const browser = await launchBrowser();
  const app = await serveStatic(dist);
  // `node bench.mjs client` runs only some: start, client, inventory.
  const only = process.argv.slice(2);
  const want = (name) => only.length === 0 || only.includes(name);
  if (want('start')) await consoleStart(browser, app);
  if (want('client')) await clientOverhead(browser);
  if (want('inventory')) await inventoryAtScale(browser, app);
  if (want('fleet')) await fleetInventory(browser, app);
} finally {
  await stopAll();
}
