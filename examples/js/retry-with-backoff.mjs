// Retrying a run that Kibana marks `retry`: a webhook whose target fails twice with 503, then
// answers. Kibana never retries a manual run itself; this loop does, with exponential backoff.
import { createServer } from 'node:http';
import { connect, deleteIfPresent } from './connect.mjs';

let calls = 0;
const target = createServer((req, res) => {
  calls += 1;
  res.writeHead(calls <= 2 ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
});
await new Promise((ok) => target.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${target.address().port}/hook`;

const client = connect();
const id = 'kbnjs-retry-webhook';
await deleteIfPresent(client, id);
await client.actions.create({ id, name: 'Flaky webhook', connector_type_id: '.webhook', config: { url, hasAuth: false } });

async function runWithRetry(params, { attempts = 5, baseMs = 100 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    const result = await client.actions.execute({ id, params });
    if (result.status === 'ok') return { result, attempt };
    const retryable = result.retry === true || typeof result.retry === 'string';
    console.log(`Attempt ${attempt}: ${result.message} (retry: ${result.retry})`);
    if (!retryable || attempt === attempts) throw new Error(`giving up: ${result.message}`);
    const wait = typeof result.retry === 'string' ? Math.max(0, Date.parse(result.retry) - Date.now()) : baseMs * 2 ** (attempt - 1);
    await new Promise((r) => setTimeout(r, wait));
  }
}

const { result, attempt } = await runWithRetry({ body: '{"event":"deploy"}' });
console.log(`Succeeded on attempt ${attempt}: status ${result.status}`);
await client.actions.delete({ id });
target.close();
