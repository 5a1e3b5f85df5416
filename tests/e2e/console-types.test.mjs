// Every typed connector type through the console: create with its form ("Save & test"), then
// run it from the test panel against local receivers, with the result shown.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTIFACTS, connect, launchBrowser, newPage, serveStatic, startReceiver, startSim, stopAll } from './harness.mjs';

let app, sim, rx, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await serveStatic(process.env.DIST_DIR ?? '../../dist');
  rx = await startReceiver();
  sim = await startSim(['--admin', '--cors-origin', app, '--set', `sim.slackApiUrl=${rx.url}/api/`]);
  browser = await launchBrowser();
});
after(stopAll);

// Field values per type: strings fill, booleans set checkboxes. `params` fills the run form.
const TYPES = () => [
  { type: '.index', fields: { index: 'console-docs', refresh: true }, expect: 'ok', data: /console-docs/ },
  { type: '.server-log', fields: {}, params: { message: 'hello log', level: 'warn' }, expect: 'ok' },
  { type: '.webhook', fields: { url: `${rx.url}/hook`, method: 'put', headers: '{"X-Env": "e2e"}', user: 'bot', password: 'hook-pw' },
    params: { body: '{"deploy": 42}' }, expect: 'ok', sent: { path: '/hook', body: /"deploy": 42/ } },
  { type: '.slack', fields: { webhookUrl: `${rx.url}/slack` }, params: { message: 'slack hello' }, expect: 'ok', sent: { path: '/slack', body: /slack hello/ } },
  { type: '.teams', fields: { webhookUrl: `${rx.url}/teams` }, params: { message: 'teams hello' }, expect: 'ok', sent: { path: '/teams', body: /teams hello/ } },
  { type: '.slack_api', fields: { token: 'xoxb-e2e' }, params: { 'subActionParams.channelIds': 'C1', 'subActionParams.text': 'api hello' },
    expect: 'ok', sent: { path: '/api/chat.postMessage', body: /api hello/ } },
  { type: '.email', fields: { from: 'alerts@example.com', host: '127.0.0.1', port: '9', hasAuth: false },
    params: { to: 'ops@example.com, lead@example.com', subject: 'Disk', message: 'almost full' }, expect: 'error' },
  { type: '.pagerduty', fields: { apiUrl: `${rx.url}/pd`, routingKey: 'rk-e2e' }, params: { summary: 'disk full', severity: 'critical' },
    expect: 'ok', sent: { path: '/pd', body: /rk-e2e/ } },
  { type: '.servicenow', fields: { apiUrl: rx.url, username: 'admin', password: 'sn-pw' },
    params: { 'subActionParams.incident.short_description': 'db down' }, expect: 'ok',
    // The console creates connectors on the Import Set API (not the deprecated table API).
    sent: { path: '/api/now/import/x_elas2_inc_int_elastic_incident', body: /"u_short_description":"db down"/ } },
  { type: '.servicenow-sir', fields: { apiUrl: rx.url, username: 'admin', password: 'sir-pw' },
    params: { 'subActionParams.incident.short_description': 'sir hello' }, expect: 'ok',
    sent: { path: '/api/now/import/x_elas2_sir_int_elastic_si_incident', body: /"u_short_description":"sir hello"/ } },
  { type: '.servicenow-itom', fields: { apiUrl: rx.url, username: 'admin', password: 'itom-pw' },
    params: { 'subActionParams.node': 'db-1', 'subActionParams.severity': '2' }, expect: 'ok',
    sent: { path: '/api/global/em/jsonv2', body: /"node":"db-1"/ } },
  { type: '.jira', fields: { apiUrl: rx.url, projectKey: 'OPS', email: 'me@example.com', apiToken: 'jira-token' },
    params: { 'subActionParams.incident.summary': 'broken build', 'subActionParams.incident.labels': 'ci, e2e' },
    expect: 'ok', sent: { path: '/rest/api/2/issue', body: /broken build/ } },
  { type: '.opsgenie', fields: { apiUrl: rx.url, apiKey: 'og-key' }, params: { 'subActionParams.message': 'cpu hot', 'subActionParams.priority': 'P2' },
    expect: 'ok', sent: { path: '/v2/alerts', body: /cpu hot/ } },
  // Torq admits only its own hosts, or localhost.
  { type: '.torq', fields: { webhookIntegrationUrl: `${rx.url.replace('127.0.0.1', 'localhost')}/torq`, token: 'torq-token' },
    params: { body: '{"alert": "torq hello"}' }, expect: 'ok', sent: { path: '/torq', body: /torq hello/ } },
  { type: '.xmatters', fields: { configUrl: `${rx.url}/xm`, user: 'xm', password: 'xm-pw' },
    params: { severity: 'critical', ruleName: 'xm rule' }, expect: 'ok', sent: { path: '/xm', body: /"severity":"critical"/ } },
  { type: '.tines', fields: { url: rx.url, email: 'me@example.com', token: 'tines-token' },
    params: { 'subActionParams.webhookUrl': `${rx.url}/webhook/p/s`, 'subActionParams.body': '{"tines": "hello"}' },
    expect: 'ok', sent: { path: '/webhook/p/s', body: /"tines":"hello"/ } },
  { type: '.d3security', fields: { url: `${rx.url}/d3`, token: 'd3-token' }, params: { 'subActionParams.eventType': 'e2e' },
    expect: 'ok', sent: { path: '/d3', body: /"eventType":"e2e"/ } },
  { type: '.thehive', fields: { url: rx.url, apiKey: 'hive-key' }, params: { 'subActionParams.sourceRef': 'ref-1' },
    expect: 'ok', sent: { path: '/api/v1/alert', body: /"sourceRef":"ref-1"/ } },
  { type: '.xsoar', fields: { url: rx.url, apiKey: 'xsoar-key' }, params: { 'subActionParams.name': 'xsoar hello' },
    expect: 'ok', sent: { path: '/incident', body: /xsoar hello/ } },
  { type: '.resilient', fields: { apiUrl: rx.url, orgId: '201', apiKeyId: 'kid', apiKeySecret: 'ksecret' },
    params: { 'subActionParams.incident.name': 'resilient hello' }, expect: 'ok',
    sent: { path: '/rest/orgs/201/incidents?text_content_output_format=objects_convert', body: /resilient hello/ } },
  { type: '.jira-service-management', fields: { apiUrl: rx.url, apiKey: 'jsm-key' }, params: { 'subActionParams.message': 'jsm hello' },
    expect: 'ok', sent: { path: '/jsm/ops/integration/v2/alerts', body: /jsm hello/ } },
  { type: '.gen-ai', fields: { apiUrl: `${rx.url}/v1/chat/completions`, apiKey: 'sk-e2e' }, params: {},
    expect: 'ok', data: /Hello from the receiver/, sent: { path: '/v1/chat/completions', body: /"model":"gpt-4.1"/ } },
  { type: '.mcp', fields: { serverUrl: `${rx.url}/mcp`, token: 'mcp-token' }, params: {},
    expect: 'ok', data: /echo/, sent: { path: '/mcp', body: /tools\/list/ } },
  { type: '.cases-webhook', fields: { createIncidentUrl: `${rx.url}/tickets/issue`, getIncidentUrl: `${rx.url}/tickets/issue/{{{external.system.id}}}`,
    viewIncidentUrl: 'https://tickets.example/browse/{{{external.system.title}}}', updateIncidentUrl: `${rx.url}/tickets/issue/{{{external.system.id}}}`,
    hasAuth: false }, params: { 'subActionParams.incident.title': 'case hello' },
    expect: 'ok', data: /OPS-7/, sent: { path: '/tickets/issue', body: /"summary":"case hello"/ } },
  { type: '.swimlane', fields: { apiUrl: `${rx.url}/sl`, appId: 'app-9', apiToken: 'sl-token' },
    params: { 'subActionParams.incident.ruleName': 'swimlane hello' }, expect: 'ok',
    sent: { path: '/sl/app/app-9/record', body: /"applicationId":"app-9"/ } },
  // Bedrock and Gemini are created and edited with their forms; the sim cannot run them
  // (AWS SigV4, Google's token exchange), and says so.
  { type: '.bedrock', fields: { accessKey: 'AKIA-e2e', secret: 'bedrock-secret' }, params: {}, expect: 'error' },
  { type: '.gemini', fields: { gcpProjectID: 'e2e-project', credentialsJson: '{"type": "service_account"}' }, params: {}, expect: 'error' },
  { type: '.http', fields: { url: rx.url }, params: { method: 'POST', path: '/http/items', body: '{"http": "hello"}' },
    expect: 'ok', data: /"status": 202/, sent: { path: '/http/items', body: /"http": "hello"/ } },
];

async function fill(page, prefix, values) {
  for (const [key, value] of Object.entries(values)) {
    const el = page.getByTestId(`${prefix}-${key}`);
    if (typeof value === 'boolean') await el.setChecked(value);
    else if (await el.evaluate((e) => e.tagName === 'SELECT')) await el.selectOption(value);
    else await el.fill(value);
  }
}

test('each typed type is created with its form and runs from the test panel', async () => {
  const page = await newPage(browser);
  await connect(page, app, sim.api);
  await page.getByTestId('empty').waitFor();
  for (const t of TYPES()) {
    await page.getByTestId('create').click();
    await page.getByTestId(`type-${t.type}`).click();
    await page.getByTestId('field-name').fill(`E2E ${t.type}`);
    await fill(page, 'field', t.fields);
    // Secrets are password inputs.
    for (const key of ['password', 'webhookUrl', 'token', 'routingKey', 'apiToken', 'apiKey', 'apiKeySecret', 'secret', 'credentialsJson']) {
      if (key in t.fields) assert.equal(await page.getByTestId(`field-${key}`).getAttribute('type'), 'password', `${t.type} ${key}`);
    }
    await page.getByTestId('save-and-test').click();
    await page.waitForURL(/\/s\/default\/connectors\/[^/]+\?tab=test$/, { timeout: 10000 }).catch(async (e) => {
      const err = await page.getByTestId('error').textContent().catch(() => '');
      throw new Error(`${t.type} was not saved: ${err || e.message}`);
    });
    assert.equal(await page.getByTestId('connector-name').textContent(), `E2E ${t.type}`);
    await fill(page, 'param', t.params ?? {});
    const before = rx.requests.length;
    await page.getByTestId('run').click();
    const status = page.getByTestId('run-status');
    await status.waitFor();
    assert.equal(await status.textContent(), t.expect, `${t.type}: ${await page.getByTestId('run-result').textContent()}`);
    if (t.data) assert.match(await page.getByTestId('run-data').textContent(), t.data);
    if (t.expect === 'error') assert.match(await page.getByTestId('run-message').textContent(), /error/i);
    if (t.sent) {
      // The call that carries the body (MCP opens its session on the same path first).
      const calls = rx.requests.slice(before).filter((r) => r.path === t.sent.path);
      assert.ok(calls.length, `${t.type} called ${t.sent.path}`);
      assert.ok(calls.some((r) => t.sent.body.test(r.body)), `${t.type}: ${calls.map((r) => r.body).join(' | ')}`);
    }
    assert.equal(await page.getByTestId('run-history-item').count(), 1);
    await page.screenshot({ path: `${ARTIFACTS}/console-run-${t.type.slice(1)}.png`, fullPage: true });
    await page.getByTestId('back').click();
    await page.getByTestId('connectors-table').or(page.getByTestId('empty')).waitFor();
  }
  assert.equal(await page.getByTestId('connector-row').count(), TYPES().length);
  assert.deepEqual(page.errors, []);
});
