#!/usr/bin/env node
// `npx kibana-connectors <command>`: connectors as code from a terminal or a pipeline, over
// the package's own WebAssembly client (the same plan/apply/rotate the console and the JS API
// run). Credentials come from the environment only, never from flags (shell history, `ps`).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';

const PROGRAM = 'kibana-connectors';

const CONNECTION_HELP = `Connection:
  --kibana URL           Kibana's address with its base path (default: $KIBANA_URL)
  Auth, from the environment (one of):
    KIBANA_API_KEY                      an encoded API key
    KIBANA_USERNAME + KIBANA_PASSWORD   basic auth
    KIBANA_BEARER_TOKEN                 a bearer token
  --timeout SECONDS      per request (default 30)`;

const HELP = {
  main: `Usage: ${PROGRAM} <command> [options]

Keep Kibana connectors in step with a file (connectors as code).

Commands:
  export    write the connectors of a deployment as a desired set
  plan      show what applying a set would change
  apply     change a deployment to match a set
  rotate    write new secrets to many connectors

Run '${PROGRAM} <command> --help' for a command's options.

${CONNECTION_HELP}`,
  export: `Usage: ${PROGRAM} export [--space ID]... [--all-spaces] [-o FILE]

Writes the connectors of the default space (or of each --space, or of every space) as a
desired set. Secrets are never read: each becomes {"$env": "KC_<ID>_<KEY>"}, a reference to
the environment variable that will hold it. Preconfigured connectors are left out.

Options:
  --space ID       a space to export (repeatable)
  --all-spaces     every space
  -o, --out FILE   write to FILE instead of standard output

${CONNECTION_HELP}`,
  plan: `Usage: ${PROGRAM} plan FILE [--space ID]... [--prune] [--json] [--detailed-exitcode]

Compares the set in FILE with the deployment and prints, one line per connector, what
applying it would do (create, update with the fields that differ, delete when pruning,
unchanged, or blocked and why). Changes nothing.

Options:
  --space ID            only this space of the set (repeatable; default: every space it names)
  --prune               delete connectors of those spaces that the set does not name
  --json                print the plan as JSON
  --detailed-exitcode   exit 0 when nothing would change, 2 when something would, 1 on error

Exit status: 1 on an error or a blocked connector.

${CONNECTION_HELP}`,
  apply: `Usage: ${PROGRAM} apply FILE [--space ID]... [--prune] [--yes] [--json]

Plans as 'plan' does, asks before changing anything (unless --yes), then creates, updates
and deletes, a few at a time, with progress on standard error. Secrets come from the
environment variables the set names. Rerunning after an interruption finishes the rest:
nothing is created twice.

Options:
  --space ID          only this space of the set (repeatable)
  --prune             delete connectors of those spaces that the set does not name
  --yes               apply without asking (needed when standard input is not a terminal)
  --json              print the plan and the results as JSON
  --concurrency N     requests at once (default 6)

Exit status: 0 only when every change succeeded and nothing was blocked.

${CONNECTION_HELP}`,
  rotate: `Usage: ${PROGRAM} rotate --type T [--name GLOB] [--space ID]... --secret KEY=VAR... [--yes]

Writes new secrets to every chosen connector, keeping its name and config. Kibana replaces
all of a connector's secrets on update, so give every secret the connectors use. Each
connector ends either fully old or fully new; the report says which.

Options:
  --type T            connector type id, e.g. .webhook (repeatable)
  --name GLOB         only names matching GLOB (* any run, ? one character)
  --space ID          only this space (repeatable; default: every space)
  --secret KEY=VAR    the secret KEY takes the value of the environment variable VAR
                      (write KEY=VAR or 'KEY=$VAR', quoted so the shell leaves it alone)
  --yes               rotate without asking
  --json              print the results as JSON
  --concurrency N     requests at once (default 6)

Exit status: 0 only when every chosen connector has the new secrets.

${CONNECTION_HELP}`,
};

const CONNECTION_OPTIONS = {
  kibana: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const OPTIONS = {
  export: { space: { type: 'string', multiple: true }, 'all-spaces': { type: 'boolean' }, out: { type: 'string', short: 'o' } },
  plan: {
    space: { type: 'string', multiple: true },
    prune: { type: 'boolean' },
    json: { type: 'boolean' },
    'detailed-exitcode': { type: 'boolean' },
  },
  apply: {
    space: { type: 'string', multiple: true },
    prune: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    concurrency: { type: 'string' },
  },
  rotate: {
    type: { type: 'string', multiple: true },
    name: { type: 'string' },
    space: { type: 'string', multiple: true },
    secret: { type: 'string', multiple: true },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    concurrency: { type: 'string' },
  },
};

const POSITIONALS = { export: 0, plan: 1, apply: 1, rotate: 0 };

/** A failure to report in one line and exit 1. */
class UsageError extends Error {}

function fail(message) {
  throw new UsageError(message);
}

/** The client, from --kibana or KIBANA_URL and the auth variables. */
async function connect(values) {
  const url = values.kibana ?? process.env.KIBANA_URL;
  if (!url) fail('no Kibana: pass --kibana URL or set KIBANA_URL');
  const env = process.env;
  const options = {};
  const given = [
    env.KIBANA_API_KEY && 'KIBANA_API_KEY',
    (env.KIBANA_USERNAME || env.KIBANA_PASSWORD) && 'KIBANA_USERNAME/KIBANA_PASSWORD',
    env.KIBANA_BEARER_TOKEN && 'KIBANA_BEARER_TOKEN',
  ].filter(Boolean);
  if (given.length > 1) fail(`more than one kind of credentials is set (${given.join(', ')}): keep one`);
  if (env.KIBANA_API_KEY) options.apiKey = env.KIBANA_API_KEY;
  if (env.KIBANA_USERNAME || env.KIBANA_PASSWORD) {
    if (!env.KIBANA_USERNAME) fail('KIBANA_PASSWORD is set but KIBANA_USERNAME is not');
    if (!env.KIBANA_PASSWORD) fail('KIBANA_USERNAME is set but KIBANA_PASSWORD is not');
    options.username = env.KIBANA_USERNAME;
    options.password = env.KIBANA_PASSWORD;
  }
  if (env.KIBANA_BEARER_TOKEN) options.bearerToken = env.KIBANA_BEARER_TOKEN;
  if (values.timeout !== undefined) options.timeoutMs = positive(values.timeout, '--timeout') * 1000;
  // Loaded here so that --help and usage errors answer at once.
  const { Kibana } = await import('./node.js');
  return { client: new Kibana(url, options), url };
}

function positive(text, flag) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} takes a whole number above 0, not ${JSON.stringify(text)}`);
  return n;
}

function readSet(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  try {
    JSON.parse(text);
  } catch (e) {
    fail(`${file} is not JSON: ${e.message}`);
  }
  return text;
}

/** Writes `text` to `file` whole or not at all. */
function writeWhole(file, text) {
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

const SIGN = { create: '+', update: '~', delete: '-', unchanged: '=', blocked: '!' };

function show(value) {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

function reason(r) {
  switch (r.kind) {
    case 'missing_secret':
      return r.env ? `secret ${r.key} needs $${r.env}, which is not set` : `secret ${r.key} has no value`;
    case 'type_not_enabled':
      return { unknown: 'the type is not registered there', config: 'the type is disabled in kibana.yml', license: 'the licence does not allow the type' }[r.why] ?? `type not enabled (${r.why})`;
    case 'preconfigured':
      return 'it is preconfigured (kibana.yml): the API cannot change it';
    case 'id_taken_elsewhere':
      return `the id is taken in space ${r.space_id}`;
    case 'type_changed':
      return `it is a ${r.current} there (a type cannot change: delete it first)`;
    case 'space_missing':
      return 'the space does not exist';
    default:
      return r.kind;
  }
}

/** The plan as text: one line per connector, changed fields indented under it. */
function planText(plan, url) {
  const lines = [`Plan for ${url}:`];
  for (const item of plan.items) {
    const where = `${item.space_id}/${item.id}`;
    let line = `  ${SIGN[item.action]} ${item.action.padEnd(9)} ${where} (${item.connector_type_id}) ${JSON.stringify(item.name)}`;
    if (item.action === 'blocked') line += `: ${reason(item.reason)}`;
    if (item.action === 'update' && item.changes.length === 0) line += ': secrets (written on every apply)';
    lines.push(line);
    for (const c of item.changes ?? []) lines.push(`        ${c.path}: ${show(c.from)} → ${show(c.to)}`);
  }
  const count = (a) => plan.items.filter((i) => i.action === a).length;
  lines.push(
    `Plan: ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ${count('unchanged')} unchanged, ${count('blocked')} blocked.`,
  );
  return lines.join('\n');
}

function planRequest(positionals, values) {
  return {
    set: readSet(positionals[0]),
    spaces: values.space ?? [],
    prune: values.prune ?? false,
    secrets: { ...process.env },
    concurrency: values.concurrency === undefined ? undefined : positive(values.concurrency, '--concurrency'),
  };
}

/** Progress on standard error: rewritten in place on a terminal, a line per step elsewhere. */
function progress(label) {
  const tty = process.stderr.isTTY;
  return ({ done, total }) => {
    if (total === 0) return;
    const text = `${label} ${done}/${total}`;
    if (tty) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  };
}

async function confirm(question) {
  if (!process.stdin.isTTY) fail('standard input is not a terminal, so nobody can answer: pass --yes to go ahead without asking');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question} Only 'yes' goes ahead: `)).trim() === 'yes';
  } finally {
    rl.close();
  }
}

const PAST = { create: 'created', update: 'updated', delete: 'deleted' };

const COMMANDS = {
  async export(values) {
    if (values['all-spaces'] && values.space) fail('--all-spaces and --space do not go together');
    const { client } = await connect(values);
    const spaces = values['all-spaces'] ? [] : values.space ?? ['default'];
    const report = await client.exportDesired({ spaces });
    const text = `${JSON.stringify(report.set, null, 2)}\n`;
    if (values.out) writeWhole(values.out, text);
    else process.stdout.write(text);
    const n = report.set.connectors.length;
    process.stderr.write(`exported ${n} connector${n === 1 ? '' : 's'}${values.out ? ` to ${values.out}` : ''}\n`);
    for (const f of report.failed_spaces) process.stderr.write(`${PROGRAM}: space ${f.space_id} could not be read: ${f.error.message}\n`);
    return report.failed_spaces.length ? 1 : 0;
  },

  async plan(values, positionals) {
    const { client, url } = await connect(values);
    const plan = await client.plan(planRequest(positionals, values));
    process.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${planText(plan, url)}\n`);
    const blocked = plan.items.filter((i) => i.action === 'blocked').length;
    if (blocked) {
      process.stderr.write(`${PROGRAM}: ${blocked} connector${blocked === 1 ? '' : 's'} cannot be applied as the set says (see above)\n`);
      return 1;
    }
    return values['detailed-exitcode'] && !plan.empty ? 2 : 0;
  },

  async apply(values, positionals) {
    const { client, url } = await connect(values);
    const request = planRequest(positionals, values);
    const plan = await client.plan(request);
    if (!values.json) process.stdout.write(`${planText(plan, url)}\n`);
    const blocked = plan.items.filter((i) => i.action === 'blocked').length;
    if (plan.empty) {
      if (values.json) process.stdout.write(`${JSON.stringify({ plan, results: [] }, null, 2)}\n`);
      else process.stdout.write('Nothing to change.\n');
      return blocked ? 1 : 0;
    }
    if (!values.yes && !(await confirm(`Apply these changes to ${url}?`))) {
      process.stderr.write('Nothing changed.\n');
      return 1;
    }
    // Planned again inside apply: what is applied is what Kibana has now.
    const report = await client.apply(request, progress('applying'));
    let failed = 0;
    for (const r of report.results) {
      if (!r.ok) failed += 1;
      if (values.json) continue;
      const where = `${r.space_id}/${r.id}`;
      process.stdout.write(r.ok ? `  ✓ ${PAST[r.value.action]} ${where}\n` : `  ✗ ${where}: ${r.error.message}\n`);
    }
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const done = report.results.length - failed;
    process.stderr.write(`Applied ${done} of ${report.results.length} change${report.results.length === 1 ? '' : 's'}${failed ? `; ${failed} failed (run apply again to finish)` : ''}.\n`);
    const stillBlocked = report.plan.items.filter((i) => i.action === 'blocked').length;
    return failed || stillBlocked ? 1 : 0;
  },

  async rotate(values) {
    if (!values.type?.length) fail('rotate needs --type (e.g. --type .webhook)');
    if (!values.secret?.length) fail("rotate needs at least one --secret KEY=VAR (e.g. --secret 'password=$NEW_PASSWORD')");
    const secrets = {};
    for (const spec of values.secret) {
      const at = spec.indexOf('=');
      const key = at > 0 ? spec.slice(0, at) : '';
      if (!key) fail('--secret takes KEY=VAR, the name of an environment variable after the =');
      // The text after = is a variable's name; if the shell already expanded it, it is the
      // secret itself, so it is never echoed back.
      const name = spec.slice(at + 1).replace(/^\$/, '');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        fail(`--secret ${key}=…: what follows = is not an environment variable name (the value is not shown; quote it as '${key}=$VAR' so the shell does not expand it)`);
      }
      if (process.env[name] === undefined) fail(`--secret ${key}: $${name} is not set`);
      if (key in secrets) fail(`--secret ${key} is given twice`);
      secrets[key] = process.env[name];
    }
    const { client, url } = await connect(values);
    const chosen = await client.rotateCandidates({ connector_type_ids: values.type, name: values.name, spaces: values.space ?? [] });
    if (chosen.length === 0) {
      process.stderr.write('No connector matches: nothing to rotate.\n');
      return 1;
    }
    if (!values.json) {
      process.stdout.write(`Rotating ${Object.keys(secrets).join(', ')} of ${chosen.length} connector${chosen.length === 1 ? '' : 's'} in ${url}:\n`);
      for (const c of chosen) process.stdout.write(`  ${c.space_id}/${c.id} (${c.connector_type_id}) ${JSON.stringify(c.name)}\n`);
    }
    if (!values.yes && !(await confirm('Write the new secrets to these connectors?'))) {
      process.stderr.write('Nothing changed.\n');
      return 1;
    }
    const targets = chosen.map((c) => ({ space_id: c.space_id, id: c.id }));
    const concurrency = values.concurrency === undefined ? undefined : positive(values.concurrency, '--concurrency');
    const results = await client.rotate({ targets, secrets, concurrency }, progress('rotating'));
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    const WORDS = { new: 'new secrets', old: 'old secrets kept', unknown: 'unknown: the answer was lost, rotate it again' };
    for (const r of results) {
      if (values.json) break;
      const where = `${r.space_id}/${r.id}`;
      process.stdout.write(r.state === 'new' ? `  ✓ ${where}: ${WORDS.new}\n` : `  ✗ ${where}: ${WORDS[r.state]} (${r.error.message})\n`);
    }
    const rotated = results.filter((r) => r.state === 'new').length;
    process.stderr.write(`Rotated ${rotated} of ${results.length}.\n`);
    return rotated === results.length ? 0 : 1;
  },
};

/** One line naming the cause, with what to do for the usual ones. */
function describe(e) {
  if (e instanceof UsageError) return e.message;
  // Kibana's messages can span lines (Elasticsearch's root causes): one line for logs and CI.
  const message = (e?.message ?? String(e)).replace(/\s*\n\s*/g, ' ').trim();
  switch (e?.name) {
    case 'AuthenticationError':
      return `${message} (check KIBANA_API_KEY, KIBANA_USERNAME/KIBANA_PASSWORD or KIBANA_BEARER_TOKEN)`;
    case 'AuthorizationError':
      return `${message} (the user lacks a privilege this needs)`;
    case 'NetworkError':
    case 'TimeoutError':
      return `cannot reach Kibana: ${message}`;
    default:
      return message;
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP.main}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === '--version') {
    const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (!(command in COMMANDS)) fail(`unknown command ${JSON.stringify(command)} (export, plan, apply, rotate; --help)`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...CONNECTION_OPTIONS, ...OPTIONS[command] }, allowPositionals: true, strict: true });
  } catch (e) {
    fail(`${e.message.replace(/\. To specify a positional.*$/s, '')} (${PROGRAM} ${command} --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  if (positionals.length !== POSITIONALS[command]) {
    fail(POSITIONALS[command] ? `${command} takes one FILE (${PROGRAM} ${command} --help)` : `${command} takes no FILE (${PROGRAM} ${command} --help)`);
  }
  return COMMANDS[command](values, positionals);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`${PROGRAM}: needs Node.js 20 or later (this is ${process.version})\n`);
  process.exit(1);
}
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`${PROGRAM}: error: ${describe(e)}\n`);
    process.exitCode = 1;
  },
);
