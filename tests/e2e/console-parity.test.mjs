// What Kibana's Connectors page offers, in the console: the type picker (cards, search over
// name, id and description, a feature filter, licences, badges), forms that explain their
// fields, readable ids checked across spaces, type badges in the table, and toasts for
// completed work (with Undo for a create).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, api, connect, goInApp, launchBrowser, newPage, serveStatic, startReceiver, startSim, stopAll } from './harness.mjs';

let app, sim, gold, rx, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  sim = await startSim(['--seed', '--admin', '--cors-origin', app]);
  // A Gold licence: the Platinum and Enterprise types are there, greyed.
  gold = await startSim(['--cors-origin', app, '--set', 'sim.license=gold']);
  rx = await startReceiver();
  browser = await launchBrowser();
});
after(stopAll);

const cards = (page) => page.locator('[data-testid=type-list] button.type-card');
const cardIds = async (page) => (await cards(page).evaluateAll((els) => els.map((e) => e.dataset.testid.slice('type-'.length))));

test('the picker shows cards, searches descriptions, filters by feature', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await goInApp(page, `/d/kibana/s/default/connectors/new`);
  await page.getByTestId('type-list').waitFor();
  const index = page.getByTestId('type-.index');
  assert.match(await index.textContent(), /Index.*Write documents into an Elasticsearch index\..*\.index · Basic licence/);
  // 9.5 deprecates the LLM types: still creatable, badged.
  const openai = page.getByTestId('type-.gen-ai');
  assert.equal(await openai.getByTestId('badge-deprecated').textContent(), 'Deprecated');
  assert.equal(await openai.getAttribute('aria-disabled'), null);

  await page.getByTestId('type-search').fill('incident');
  assert.deepEqual((await cardIds(page)).sort(), ['.pagerduty', '.resilient', '.servicenow', '.servicenow-sir'].sort(), 'by description');
  assert.equal(await page.getByTestId('type-count').textContent(), '4 types');
  await page.getByTestId('type-search').fill('');
  await page.getByTestId('type-feature-filter').selectOption('cases');
  const caseTypes = await cardIds(page);
  assert.ok(caseTypes.includes('.jira') && caseTypes.includes('.servicenow'), caseTypes.join());
  assert.ok(!caseTypes.includes('.index') && !caseTypes.includes('.slack'), caseTypes.join());
  await page.screenshot({ path: `${ARTIFACTS}/console-picker.png`, fullPage: true });

  // Choosing puts the type in the URL: the form can be linked, Back returns to the picker.
  await page.getByTestId('type-.jira').click();
  await page.waitForURL(/\/connectors\/new\?type=\.jira$/);
  assert.equal(await page.getByTestId('chosen-type-name').textContent(), 'Jira');
  await page.goBack();
  await page.getByTestId('type-list').waitFor();
  assert.deepEqual(page.errors, []);
});

test('types the licence does not allow are greyed with the reason and cannot be chosen', async () => {
  const page = await newPage(browser);
  await connect(page, app, gold.api);
  await goInApp(page, `/d/kibana/s/default/connectors/new`);
  const opsgenie = page.getByTestId('type-.opsgenie');
  await opsgenie.waitFor();
  assert.equal(await opsgenie.getAttribute('aria-disabled'), 'true');
  assert.equal(await opsgenie.getByTestId('type-unavailable').textContent(), ' Needs a Platinum licence or higher.');
  const ids = await cardIds(page);
  assert.ok(ids.indexOf('.opsgenie') > ids.indexOf('.webhook'), 'unavailable types come after the available ones');
  await opsgenie.click({ force: true });
  assert.match(page.url(), /\/connectors\/new$/, 'nothing chosen');
  assert.deepEqual(page.errors, []);
});

test('forms explain their fields and name their defaults', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await goInApp(page, `/d/kibana/s/default/connectors/new?type=.index`);
  await page.getByTestId('connector-form').waitFor();
  const refresh = page.getByTestId('field-refresh');
  const helpId = await refresh.getAttribute('aria-describedby');
  const help = await page.locator(`#${helpId}`).textContent();
  assert.match(help, /searchable at once.*Default: off\.$/);
  assert.match(await page.locator(`#${await page.getByTestId('field-executionTimeField').getAttribute('aria-describedby')}`).textContent(), /date field/);
  await goInApp(page, `/d/kibana/s/default/connectors/new?type=.webhook`);
  await page.getByTestId('connector-form').waitFor();
  assert.match(await page.locator(`#${await page.getByTestId('field-method').getAttribute('aria-describedby')}`).textContent(), /Default: post\./);
  // The secrets call-out stands right before the first secret field.
  assert.match(await page.getByTestId('secrets-callout').textContent(), /stored encrypted .* never shown again/);
  assert.equal(await page.evaluate(() => {
    const callout = document.querySelector('[data-testid=secrets-callout]');
    const next = callout.nextElementSibling;
    return next.querySelector('input, textarea, select')?.dataset.testid;
  }), 'field-secretHeaders');
  assert.deepEqual(page.errors, []);
});

test('a readable id follows the name, is checked across spaces, and a taken proposal moves on', async () => {
  // Ids are global: one in another space blocks the same id here.
  assert.equal((await api(sim.api, 'POST', '/s/marketing/api/actions/connector/taken-elsewhere', { name: 'x', connector_type_id: '.server-log', config: {}, secrets: {} })).status, 200);
  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/ops-log-sink', { name: 'x', connector_type_id: '.server-log', config: {}, secrets: {} })).status, 200);
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await goInApp(page, `/d/kibana/s/default/connectors/new?type=.server-log`);
  await page.getByTestId('field-name').fill('Ops: log sink!');
  // The proposal `ops-log-sink` is taken in this space: the next number is proposed.
  await page.getByTestId('id-status').filter({ hasText: 'ops-log-sink-2 is available.' }).waitFor();
  assert.equal(await page.getByTestId('field-id').inputValue(), 'ops-log-sink-2');

  await page.getByTestId('field-id').fill('taken-elsewhere');
  await page.getByTestId('id-status').filter({ hasText: 'space marketing' }).waitFor();
  await page.getByTestId('save').click();
  await page.getByTestId('error-id').waitFor();
  assert.match(page.url(), /\/new\?type=/, 'not saved');

  await page.getByTestId('field-id').fill('Bad Id');
  assert.match(await page.getByTestId('id-status').textContent(), /lowercase letters, digits and hyphens/);
  await page.getByTestId('field-id').fill('');
  assert.equal(await page.getByTestId('field-id').inputValue(), 'ops-log-sink', 'a cleared field follows the name again');
  await page.getByTestId('id-status').filter({ hasText: 'ops-log-sink-2 is available.' }).waitFor();
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\/default\/connectors$/);
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/ops-log-sink-2')).body.name, 'Ops: log sink!');

  // Or Kibana picks: a UUID.
  await goInApp(page, `/d/kibana/s/default/connectors/new?type=.server-log`);
  await page.getByTestId('field-name').fill('Random one');
  await page.getByTestId('random-id').check();
  assert.equal(await page.getByTestId('field-id').isDisabled(), true);
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\/default\/connectors$/);
  const made = (await api(sim.api, 'GET', '/api/actions/connectors')).body.find((c) => c.name === 'Random one');
  assert.match(made.id, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  assert.deepEqual(page.errors, []);
});

test('toasts report saves, runs and deletes; a create can be undone, a delete says it cannot', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await goInApp(page, `/d/kibana/s/default/connectors/new?type=.server-log`);
  await page.getByTestId('field-name').fill('Toast me');
  await page.getByTestId('id-status').filter({ hasText: 'toast-me is available.' }).waitFor();
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\/default\/connectors$/);
  const region = page.getByTestId('toasts');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  const created = page.getByTestId('toast').filter({ hasText: 'Created Toast me (toast-me) in space default.' });
  await created.waitFor();
  await page.locator('[data-testid=connector-row][data-id=toast-me]').waitFor();
  await created.getByTestId('toast-undo').click();
  await page.getByTestId('toast').filter({ hasText: 'Undone: toast-me deleted again.' }).waitFor();
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/toast-me')).status, 404);
  // The list reloads on its own.
  await page.locator('[data-testid=connector-row][data-id=toast-me]').waitFor({ state: 'detached' });

  await goInApp(page, `/d/kibana/s/default/connectors/demo-server-log?tab=test`);
  await page.getByTestId('run').click();
  await page.getByTestId('toast').filter({ hasText: /Ran .*: ok\./ }).waitFor();

  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/doomed', { name: 'Doomed', connector_type_id: '.server-log', config: {}, secrets: {} })).status, 200);
  await goInApp(page, `/d/kibana/s/default/connectors/doomed`);
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('delete').click();
  const deleted = page.getByTestId('toast').filter({ hasText: 'Deleted Doomed. A delete cannot be undone.' });
  await deleted.waitFor();
  assert.equal(await deleted.getByTestId('toast-undo').count(), 0);
  await deleted.getByTestId('toast-dismiss').click();
  await deleted.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('the table badges deprecated types', async () => {
  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/old-llm', { name: 'Old LLM', connector_type_id: '.gen-ai', config: { apiProvider: 'OpenAI', apiUrl: 'https://api.openai.com/v1/chat/completions' }, secrets: { apiKey: 'sk' } })).status, 200);
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  const row = page.locator('[data-testid=connector-row][data-id=old-llm]');
  await row.getByTestId('badge-type-deprecated').waitFor();
  assert.equal(await page.locator('[data-testid=connector-row][data-id=demo-index] [data-testid=badge-type-deprecated]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the webhook form offers basic, certificate and OAuth 2.0 authentication, and sends only the chosen one', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await goInApp(page, '/d/kibana/s/default/connectors/new?type=.webhook');
  await page.getByTestId('field-name').fill('OAuth hook');
  await page.getByTestId('field-url').fill(`${rx.url}/hook`);
  assert.equal(await page.getByTestId('field-user').count(), 1, 'basic is the default');
  await page.getByTestId('field-authType').selectOption('webhook-authentication-ssl');
  await page.getByTestId('field-crt').waitFor();
  assert.equal(await page.getByTestId('field-user').count(), 0);
  await page.getByTestId('field-certType').selectOption('ssl-pfx');
  await page.getByTestId('field-pfx').waitFor();
  assert.equal(await page.getByTestId('field-crt').count(), 0);
  await page.getByTestId('field-authType').selectOption('webhook-oauth2-client-credentials');
  await page.getByTestId('field-accessTokenUrl').fill(`${rx.url}/oauth/token`);
  await page.getByTestId('field-clientId').fill('console-client');
  await page.getByTestId('field-clientSecret').fill('oauth-secret');
  assert.equal(await page.getByTestId('field-clientSecret').getAttribute('type'), 'password');
  await page.getByTestId('field-scope').fill('hooks.write');
  await page.getByTestId('save-and-test').click();
  await page.waitForURL(/\?tab=test$/);
  const before = rx.requests.length;
  await page.getByTestId('run').click();
  await page.getByTestId('run-status').filter({ hasText: 'ok' }).waitFor();
  const [token, hook] = rx.requests.slice(before);
  assert.equal(token.path, '/oauth/token');
  const form = new URLSearchParams(token.body);
  assert.deepEqual([form.get('grant_type'), form.get('client_id'), form.get('client_secret'), form.get('scope')],
    ['client_credentials', 'console-client', 'oauth-secret', 'hooks.write']);
  assert.equal(hook.path, '/hook');
  assert.equal(hook.headers.authorization, 'Bearer e2e-access-token');
  const id = new URL(page.url()).pathname.split('/').pop();
  const saved = (await api(sim.api, 'GET', `/api/actions/connector/${id}`)).body;
  assert.equal(saved.config.authType, 'webhook-oauth2-client-credentials');
  assert.equal(saved.config.certType, undefined, 'the certificate fields tried first stayed out');
  assert.deepEqual(page.errors, []);
});

test('a connector that lost its secrets has a Fix action that opens its form at the secrets', async () => {
  assert.equal((await api(sim.api, 'POST', '/api/actions/connector/lost-hook', { name: 'Lost hook', connector_type_id: '.slack', config: {}, secrets: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' } })).status, 200);
  // As Kibana marks a connector imported without its secrets.
  const marked = await fetch(`${sim.api}/__sim/lose-secrets`, { method: 'POST', body: JSON.stringify({ ids: ['lost-hook'] }) });
  assert.equal(marked.status, 200);
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  const row = page.locator('[data-testid=connector-row][data-id=lost-hook]');
  await row.getByTestId('fix').click();
  await page.waitForURL(/\/lost-hook\?tab=edit&fix=secrets$/);
  const secret = page.getByTestId('field-webhookUrl');
  await secret.waitFor();
  // Focus moves there once the form is up.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'field-webhookUrl', null, { timeout: 10000 });
  await page.keyboard.type('https://hooks.slack.com/services/T0/B0/new');
  await page.getByTestId('save').click();
  await page.getByTestId('toast').filter({ hasText: 'Saved Lost hook.' }).waitFor();
  assert.equal((await api(sim.api, 'GET', '/api/actions/connector/lost-hook')).body.is_missing_secrets, false);
  await page.getByTestId('back').click();
  await row.waitFor();
  assert.equal(await row.getByTestId('fix').count(), 0, 'fixed');
  assert.deepEqual(page.errors, []);
});
