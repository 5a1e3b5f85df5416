// Type-checked by typescript.test.mjs (against the packed package, under both module
// resolutions): the JS surface as TypeScript users write it, with no init to call.
import { Kibana, type Connector, type ExecuteResult, type ItemReport, type KibanaOptions, type MoveReport, type Rule, type RulesPage, type Space, type DesiredSet, type PlanReport, type ApplyReport, type ExportDesiredReport, type RotateCandidate, type RotateReport, type SpaceReport, type TrialReport } from 'kibana-connectors';

export async function usage(): Promise<void> {
  const options: KibanaOptions = { apiKey: 'encoded', timeoutMs: 10_000, credentials: 'omit' };
  const client = new Kibana('http://localhost:5601', options);
  const created: Connector = await client.actions.create({
    name: 'Log Writer',
    connector_type_id: '.index',
    config: { index: 'my-logs' },
    space_id: 'marketing',
  });
  const id: string = created.id;
  const result: ExecuteResult = await client.actions.execute({ id, params: { documents: [{ a: 1 }] } });
  if (result.status === 'error') {
    const retry: boolean | string | undefined = result.retry;
    console.log(result.message, result.service_message, retry, result.errorSource);
  }
  const all: Connector[] = await client.space('marketing').actions.getAll();
  const counts: (number | undefined)[] = all.map((c) => c.referenced_by_count);
  await client.actions.update({ id, name: 'Renamed', config: { index: 'my-logs' }, secrets: {} });
  await client.actions.delete({ id });
  const types = await client.actions.listTypes({ feature_id: 'alerting' });
  const enabled: boolean[] = types.map((t) => t.enabled);
  const spaces: Space[] = await client.spaces.getAll();
  const report = await client.diagnose('http://localhost:8080');
  const fix: string | undefined = report.kibana_yml;
  console.log(counts, enabled, spaces.length, fix, client.spaceId, client.baseUrl);

  const inventory: SpaceReport[] = await client.bulk.inventory({ concurrency: 4 }, (p) => console.log(p.done, p.total));
  const failed: (string | undefined)[] = inventory.map((s) => s.error?.kind);
  const copies: ItemReport<Connector>[] = await client.bulk.copyToSpaces({ id, space_id: 'default', to_spaces: ['ops'], secrets: {} });
  const moved: MoveReport = await client.bulk.moveToSpaces({ id, space_id: 'default', to_spaces: ['ops'] });
  const runs: ItemReport<ExecuteResult>[] = await client.bulk.executeMany({ targets: [{ space_id: 'ops', id }], params: {} });
  const trial: TrialReport = await client.actions.trialRun({ name: 't', connector_type_id: '.server-log', params: { message: 'm' } });
  const exported = await client.bulk.exportSet();
  const checks = await client.bulk.checkImport({ set: exported.set });
  console.log(failed, copies.length, moved.source_deleted, runs[0]?.value?.status, trial.cleaned_up, checks[0]?.secrets_needed);

  const using: Rule[] = await client.rules.usedBy({ connector: created });
  // With `fields`, a find answers only the fields asked for: every field but `id` may be absent.
  const groups: (string | undefined)[] = using.flatMap((r) => (r.actions ?? []).map((a) => a.group));
  const page: RulesPage = await client.rules.find({ search: 'disk*', search_fields: ['name', 'tags'], per_page: 25, space_id: 'ops' });
  const rule: Rule = await client.rules.create({ rule: { name: 'Disk', rule_type_id: '.index-threshold', consumer: 'stackAlerts', schedule: { interval: '1m' }, params: {}, tags: [], actions: [] } });
  await client.rules.update({ id: rule.id, rule: { name: 'Disk full', tags: ['prod'], schedule: { interval: '5m' }, params: {}, actions: rule.actions } });
  await client.rules.delete({ id: rule.id });
  console.log(groups, page.total, moved.blocked_by_rules?.length);

  // Connectors as code: secrets by reference, values from a map (the CLI passes process.env).
  const desired: DesiredSet = { format: 'kibana-connectors/desired@1', connectors: [
    { space_id: 'default', id: 'hook', name: 'Hook', connector_type_id: '.webhook', config: { url: 'https://h.example' },
      secrets: { password: { $env: 'HOOK_PASSWORD' } }, secretsPolicy: 'always' },
  ] };
  const plan: PlanReport = await client.plan({ set: desired, prune: true, spaces: ['default'] });
  const diffs: string[] = plan.items.flatMap((i) => (i.changes ?? []).map((c) => `${i.id} ${c.path}`));
  const why: (string | undefined)[] = plan.items.map((i) => i.reason?.kind);
  const applied: ApplyReport = await client.apply({ set: desired, secrets: { HOOK_PASSWORD: 'x' }, concurrency: 4 }, (p) => console.log(p.done));
  console.log(plan.empty, diffs, why, applied.results.map((r) => r.value?.action));

  // An export ready for plan, and a rotation: which connectors, then per item old/new/unknown.
  const desiredExport: ExportDesiredReport = await client.exportDesired({ spaces: ['default'] });
  const fromFile: PlanReport = await client.plan({ set: JSON.stringify(desiredExport.set), secrets: { KC_HOOK_PASSWORD: 'x' } });
  const chosen: RotateCandidate[] = await client.rotateCandidates({ connector_type_ids: ['.webhook'], name: 'prod-*' });
  const rotated: RotateReport[] = await client.rotate({ targets: chosen.map((c) => ({ space_id: c.space_id, id: c.id })), secrets: { password: 'new' } }, (p) => console.log(p.total));
  const states: ('new' | 'old' | 'unknown')[] = rotated.map((r) => r.state);
  console.log(fromFile.empty, states, rotated[0]?.error?.kind);
}
