import { launchBrowser, serveStatic, startSim, stopAll } from './harness.mjs';
import { writeFileSync } from 'node:fs';
try {
  const browser = await launchBrowser();
  const app = await serveStatic(process.env.DIST ?? '/work/main/dist');
  const sim = (await startSim(['--admin', '--cors-origin', app])).api;
  await fetch(`${sim}/__sim/bulk`, { method: 'POST', body: JSON.stringify({ space: 'default', count: 100, prefix: 'p' }) });
  const context = await browser.newContext();
  await context.addInitScript(([url]) => {
    localStorage.setItem('kibana-console.connection', JSON.stringify({ url, auth: 'basic', username: 'elastic' }));
    sessionStorage.setItem('kibana-console.secret', JSON.stringify('changeme'));
  }, [sim]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`${app}/d/kibana/s/default/connectors`);
  await page.locator('[data-testid=connector-row]').nth(49).waitFor();
  await page.waitForTimeout(300);
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('/tmp/start.cpuprofile', JSON.stringify(profile));
  // self time per function
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas; 
  profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
  console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
  await context.close();
} finally { await stopAll(); }
