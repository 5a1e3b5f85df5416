// No diff after apply, for every type the client models, on every Kibana line the sim profiles:
// a desired connector written as people write it (only what matters, Kibana's defaults left
// out, secrets by reference) is created by client.apply, read back by client.plan, and plans as
// unchanged. Types a line does not register are blocked as unknown there, never created.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { packageDir, startSim, stopAll } from './harness.mjs';

let Kibana;

before(async () => {
  ({ Kibana } = await import(join(packageDir(), 'node.js')));
});
after(stopAll);

const RX = 'http://127.0.0.1:9';

/** type → [config, secret keys]. */
const TYPES = {
  '.index': [{ index: 'docs' }, []],
  '.server-log': [{}, []],
  '.webhook': [{ url: `${RX}/hook`, method: 'put', headers: { 'X-Env': 'e2e' } }, ['user', 'password']],
  '.slack': [{}, ['webhookUrl']],
  '.slack_api': [{}, ['token']],
  '.teams': [{}, ['webhookUrl']],
  '.email': [{ from: 'alerts@example.com', host: '127.0.0.1', port: 2525, service: 'other', hasAuth: false }, []],
  '.pagerduty': [{ apiUrl: `${RX}/pd` }, ['routingKey']],
  '.servicenow': [{ apiUrl: RX }, ['username', 'password']],
  '.servicenow-sir': [{ apiUrl: RX }, ['username', 'password']],
  '.servicenow-itom': [{ apiUrl: RX }, ['username', 'password']],
  '.jira': [{ apiUrl: RX, projectKey: 'OPS' }, ['email', 'apiToken']],
  '.opsgenie': [{ apiUrl: RX }, ['apiKey']],
  '.torq': [{ webhookIntegrationUrl: 'http://localhost:9/torq' }, ['token']],
  '.xmatters': [{ configUrl: `${RX}/xm` }, ['user', 'password']],
  '.tines': [{ url: RX }, ['email', 'token']],
  '.d3security': [{ url: `${RX}/d3` }, ['token']],
  '.thehive': [{ url: RX }, ['apiKey']],
  '.xsoar': [{ url: RX }, ['apiKey']],
  '.resilient': [{ apiUrl: RX, orgId: '201' }, ['apiKeyId', 'apiKeySecret']],
  '.jira-service-management': [{ apiUrl: RX }, ['apiKey']],
  '.swimlane': [{ apiUrl: `${RX}/sl`, appId: 'app-9', connectorType: 'all', mappings: {} }, ['apiToken']],
  '.cases-webhook': [{
    createIncidentUrl: `${RX}/tickets/issue`,
    createIncidentJson: '{"summary": {{{case.title}}}}',
    createIncidentResponseKey: 'id',
    getIncidentUrl: `${RX}/tickets/issue/{{{external.system.id}}}`,
    getIncidentResponseExternalTitleKey: 'key',
    viewIncidentUrl: 'https://tickets.example/browse/{{{external.system.title}}}',
    updateIncidentUrl: `${RX}/tickets/issue/{{{external.system.id}}}`,
    updateIncidentJson: '{"summary": {{{case.title}}}}',
    hasAuth: false,
  }, []],
  '.gen-ai': [{ apiProvider: 'OpenAI', apiUrl: `${RX}/v1/chat/completions` }, ['apiKey']],
  '.bedrock': [{ apiUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com' }, ['accessKey', 'secret']],
  '.gemini': [{ apiUrl: 'https://us-central1-aiplatform.googleapis.com', gcpRegion: 'us-central1', gcpProjectID: 'p-1' }, ['credentialsJson']],
  '.mcp': [{ serverUrl: `${RX}/mcp` }, []],
  '.http': [{ url: `${RX}/http` }, []],
};

const set = (space) => ({
  format: 'kibana-connectors/desired@1',
  connectors: Object.entries(TYPES).map(([type, [config, keys]]) => ({
    space_id: space,
    id: `t${type.replace(/[^a-z]/g, '-')}`,
    name: `Every type ${type}`,
    connector_type_id: type,
    config,
    secrets: Object.fromEntries(keys.map((k) => [k, { $env: `S_${k}` }])),
  })),
});

const SECRETS = Object.fromEntries(Object.values(TYPES).flatMap(([, keys]) => keys).map((k) => [`S_${k}`, ({ credentialsJson: '{"type": "service_account"}', webhookUrl: 'http://127.0.0.1:9/chat' })[k] ?? `${k}-value`]));

for (const version of ['9.5.0', '9.2.0', '8.19.0']) {
  test(`every typed type reads back with no diff (Kibana ${version})`, async () => {
    const sim = await startSim(['--kibana-version', version]);
    const client = new Kibana(sim.api, { username: 'elastic', password: 'changeme' });
    const first = await client.plan({ set: set('default'), secrets: SECRETS });
    const unknown = first.items.filter((i) => i.action === 'blocked').map((i) => [i.connector_type_id, i.reason.kind, i.reason.why]);
    for (const [, kind, why] of unknown) assert.deepEqual([kind, why], ['type_not_enabled', 'unknown']);
    assert.ok(first.items.filter((i) => i.action === 'create').length >= 24, JSON.stringify(first.items));

    const applied = await client.apply({ set: set('default'), secrets: SECRETS });
    const failed = applied.results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.error.message}`);
    assert.deepEqual(failed, []);

    const again = await client.plan({ set: set('default'), secrets: SECRETS });
    const drift = again.items.filter((i) => i.action !== 'unchanged' && i.action !== 'blocked').map((i) => `${i.connector_type_id} ${i.action} ${JSON.stringify(i.changes)}`);
    assert.deepEqual(drift, []);
    assert.equal(again.empty, true);
    await sim.kill();
  });
}
