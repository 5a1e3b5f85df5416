// Shared by the examples: builds a client from the environment (the defaults match
// `cargo xtask console`'s sim). The package loads its WebAssembly itself.
import { Kibana } from 'kibana-connectors';

export const KIBANA_URL = process.env.KIBANA_URL ?? 'http://127.0.0.1:5601';
export const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';

/** A client for KIBANA_URL with KIBANA_API_KEY, or KIBANA_USERNAME / KIBANA_PASSWORD. */
export function connect() {
  const options = process.env.KIBANA_API_KEY
    ? { apiKey: process.env.KIBANA_API_KEY }
    : { username: process.env.KIBANA_USERNAME ?? 'elastic', password: process.env.KIBANA_PASSWORD ?? 'changeme' };
  return new Kibana(KIBANA_URL, { ...options, timeoutMs: 10000 });
}

/** Deletes a connector, ignoring one that is already gone. */
export async function deleteIfPresent(client, id, space_id) {
  try {
    await client.actions.delete({ id, space_id });
  } catch (e) {
    if (e.name !== 'NotFoundError') throw e;
  }
}
