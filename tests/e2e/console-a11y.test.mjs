// Accessibility: axe-core (the npm engine, injected into the page) on every route of the
// console, in light and in dark mode, with no serious or critical violation; and the whole
// create → test → delete path done with the keyboard alone.
//
// The per-route results (violations by impact, rule ids) are written to
// `$ARTIFACTS_DIR/a11y.json`, so a run's figures can be quoted; the list, the picker and a form
// are photographed in both modes for the README.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { ARTIFACTS, connect, goInApp, launchBrowser, newPage, serveStatic, startSim, stopAll, tabTo } from './harness.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let app, sim, browser;
const results = {};

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--seed', '--cors-origin', app]);
  browser = await launchBrowser();
});
after(async () => {
  writeFileSync(`${ARTIFACTS}/a11y.json`, `${JSON.stringify(results, null, 2)}\n`);
  await stopAll();
});

/**
 * Every route, with how to reach its interesting state and what shows it is there. The
 * connector page's tabs count as routes: each is a URL.
 */
const ROUTES = [
  { name: 'connect', path: '/connect', ready: 'connect-form', connected: false },
  { name: 'connectors', path: '/d/kibana/s/default/connectors', ready: 'connector-row', shot: 'list' },
  { name: 'create: type picker', path: '/d/kibana/s/default/connectors/new', ready: 'type-list', shot: 'picker' },
  { name: 'create: webhook form', path: '/d/kibana/s/default/connectors/new?type=.webhook', ready: 'connector-form', shot: 'form' },
  { name: 'create: email form', path: '/d/kibana/s/default/connectors/new?type=.email', ready: 'connector-form' },
  { name: 'connector: edit', path: '/d/kibana/s/default/connectors/demo-webhook?tab=edit', ready: 'edit-form' },
  { name: 'connector: test', path: '/d/kibana/s/default/connectors/demo-index?tab=test', ready: 'run' },
  { name: 'connector: copy', path: '/d/kibana/s/default/connectors/demo-index?tab=copy', ready: 'copy-form' },
  { name: 'connector: rules', path: '/d/kibana/s/default/connectors/demo-index?tab=rules', ready: 'rules-table' },
  { name: 'all spaces', path: '/all/connectors', ready: 'connector-row' },
  { name: 'export / import', path: '/d/kibana/transfer', ready: 'export-scope' },
  { name: 'promote', path: '/promote', ready: 'promote-connector' },
  { name: 'rotate', path: '/rotate', ready: 'rotate-form' },
];

/** Runs axe-core on the page; returns the violations as `{id, impact, nodes}`. */
async function axe(page) {
  // Evaluated by the driver, not added as a <script>: the page's policy allows no inline script.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const out = await window.axe.run(document, { resultTypes: ['violations'] });
    return out.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`),
    }));
  });
  return violations;
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core: no serious or critical violation on any route (${scheme})`, async () => {
    const page = await newPage(browser, { colorScheme: scheme });
    await connect(page, app, sim.api);
    const failures = [];
    for (const route of ROUTES) {
      if (route.connected === false) {
        // The connection page as a new visitor sees it.
        const fresh = await newPage(browser, { colorScheme: scheme });
        await fresh.goto(`${app}${route.path}`);
        await fresh.getByTestId(route.ready).first().waitFor();
        record(route, scheme, await axe(fresh), failures);
        await fresh.close();
        continue;
      }
      // Client-side navigation keeps the connection (it lives in memory, as it should).
      await goInApp(page, route.path);
      await page.getByTestId(route.ready).first().waitFor();
      // The README's screenshots (docs/screenshots/ holds a run's copies).
      if (route.shot) await page.screenshot({ path: `${ARTIFACTS}/screenshot-${route.shot}-${scheme}.png` });
      record(route, scheme, await axe(page), failures);
    }
    assert.deepEqual(page.errors, []);
    assert.deepEqual(failures, [], `serious or critical violations:\n${failures.join('\n')}`);
  });
}

function record(route, scheme, violations, failures) {
  const byImpact = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) byImpact[v.impact] += 1;
  results[`${route.name} (${scheme})`] = {
    path: route.path,
    ...byImpact,
    rules: violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3) })),
  };
  for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    failures.push(`${route.name} (${scheme}) ${v.id} [${v.impact}]\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
  }
}

test('keyboard only: create an index connector, test it, delete it', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await tabTo(page, 'create');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/connectors\/new$/);
  // The picker: type to search, arrows to move between cards, Enter to choose.
  await tabTo(page, 'type-search');
  await page.keyboard.type('index');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'type-.index');
  await page.keyboard.press('Enter');
  await page.getByTestId('connector-form').waitFor();
  await tabTo(page, 'field-name');
  await page.keyboard.type('Keyboard index');
  await tabTo(page, 'field-index');
  await page.keyboard.type('keyboard-docs');
  await tabTo(page, 'save-and-test');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?tab=test$/);
  await tabTo(page, 'param-documents');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('[{"from": "keyboard"}]');
  await tabTo(page, 'run');
  await page.keyboard.press('Enter');
  await page.getByTestId('run-status').filter({ hasText: /ok/i }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  await tabTo(page, 'delete');
  page.once('dialog', (d) => d.accept());
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/s\/default\/connectors$/);
  await page.getByTestId('connector-row').first().waitFor();
  assert.equal(await page.locator(`[data-testid=connector-row][data-id="${id}"]`).count(), 0);
  assert.deepEqual(page.errors, []);
});
