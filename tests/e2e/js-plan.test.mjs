// Connectors as code from JavaScript (Node, the package's node entry): client.plan on an empty
// space plans creates, client.apply creates them with progress and secrets from a map (as the
// CLI passes process.env), a second plan is empty, an out-of-band edit is named field by field.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { api, packageDir, startSim, stopAll } from './harness.mjs';

let sim, Kibana;

before(async () => {
  ({ Kibana } = await import(join(packageDir(), 'node.js')));
  sim = await startSim(['--seed']);
});
after(stopAll);

const set = (space) => ({
  format: 'kibana-connectors/desired@1',
  connectors: [
    { space_id: space, id: `${space}-audit`, name: 'Audit', connector_type_id: '.index', config: { index: 'audit' } },
    { space_id: space, id: `${space}-hook`, name: 'Hook', connector_type_id: '.webhook', config: { url: 'http://127.0.0.1:9/x' },
      secrets: { user: { $env: 'HOOK_USER' }, password: { $env: 'HOOK_PASSWORD' } } },
  ],
});

test('plan, apply, plan again: creates, then nothing; a drift names its field; a missing secret blocks', async () => {
  const client = new Kibana(sim.api, { username: 'elastic', password: 'changeme' });
  await client.spaces.create({ id: 'js-plan', name: 'JS plan' });
  const secrets = { HOOK_USER: 'bot', HOOK_PASSWORD: 'pw' };

  const blocked = await client.plan({ set: set('js-plan'), secrets: { HOOK_USER: 'bot' } });
  assert.deepEqual(blocked.items.map((i) => [i.id, i.action, i.reason?.kind ?? null, i.reason?.env ?? null]), [
    ['js-plan-audit', 'create', null, null],
    ['js-plan-hook', 'blocked', 'missing_secret', 'HOOK_PASSWORD'],
  ]);

  const progress = [];
  const applied = await client.apply({ set: set('js-plan'), secrets, concurrency: 2 }, (p) => progress.push(`${p.done}/${p.total}`));
  assert.deepEqual(applied.results.map((r) => [r.id, r.ok, r.value?.action]), [['js-plan-audit', true, 'create'], ['js-plan-hook', true, 'create']]);
  assert.deepEqual(progress, ['0/2', '1/2', '2/2']);

  const again = await client.plan({ set: set('js-plan'), secrets });
  assert.deepEqual(again.items.map((i) => i.action), ['unchanged', 'unchanged']);

  const edited = await api(sim.api, 'PUT', '/s/js-plan/api/actions/connector/js-plan-audit', { name: 'Audit', config: { index: 'audit', refresh: true } });
  assert.equal(edited.status, 200);
  const drift = await client.plan({ set: set('js-plan'), secrets });
  assert.deepEqual(drift.items[0].changes, [{ path: 'config.refresh', from: true, to: false }]);
  const fixed = await client.apply({ set: set('js-plan'), secrets });
  assert.deepEqual(fixed.results.map((r) => [r.id, r.ok]), [['js-plan-audit', true]]);

  // The secrets map never shows up in what comes back.
  assert.doesNotMatch(JSON.stringify([applied, fixed]), /"pw"|"bot"/);
});
