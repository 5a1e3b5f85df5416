import { api, launchBrowser, serveStatic, startSim, stopAll } from './harness.mjs';
try {
  const browser = await launchBrowser();
  const app = await serveStatic('/work/main/dist');
  const sim = (await startSim(['--admin', '--cors-origin', app])).api;
  for (let s = 0; s < 50; s += 1) {
    await api(sim, 'POST', '/api/spaces/space', { id: `scale-${s}`, name: `Scale ${s}` });
    await fetch(`${sim}/__sim/bulk`, { method: 'POST', body: JSON.stringify({ space: `scale-${s}`, count: 200, prefix: `s${s}` }) });
  }
  const context = await browser.newContext();
  await context.addInitScript(([url]) => {
    localStorage.setItem('kibana-console.connection', JSON.stringify({ url, auth: 'basic', username: 'elastic' }));
    sessionStorage.setItem('kibana-console.secret', JSON.stringify('changeme'));
    window.__lt = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    window.__m = [];
    new MutationObserver(() => { const l = document.querySelector('[data-testid=page-label]')?.textContent; if (l && window.__m.at(-1)?.[1] !== l) window.__m.push([Math.round(performance.now()), l]); }).observe(document, { childList: true, subtree: true, characterData: true });
  }, [sim]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${app}/all/connectors`);
  await page.locator('[data-testid=page-label]:text-matches("of 10000 ")').waitFor({ timeout: 120000 });
  const r = await page.evaluate(() => ({ lt: window.__lt, m: window.__m, res: performance.getEntriesByType('resource').map((e) => [e.name.split('/').slice(-3).join('/').slice(0, 50), Math.round(e.startTime), Math.round(e.responseEnd)]) }));
  console.log(JSON.stringify(r.lt)); console.log(JSON.stringify(r.m));
  for (const x of r.res) console.log(x.join(' '));
} finally { await stopAll(); }
