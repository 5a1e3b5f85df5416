// A simple index connector: create it, write a document with it, verify it, read the document
// back, clean up. Run against `cargo xtask console`'s sim: node simple-index-connector.mjs
import { ES_URL, connect, deleteIfPresent } from './connect.mjs';

const client = connect();
const id = 'kbnjs-simple-index-connector';
const index = 'miconnectedindex';

await deleteIfPresent(client, id); // a stale copy from an earlier run

const connector = await client.actions.create({
  id,
  name: 'Simple index connector',
  connector_type_id: '.index',
  config: { index, refresh: true, executionTimeField: '@timestamp' },
});
console.log(`Connector created: ${connector.id}`);

const doc = { message: 'Hello from kibana-connectors', level: 'info', source: 'examples/js' };
const result = await client.actions.execute({ id, params: { documents: [doc] } });
console.log(`Execution status: ${result.status}`);
if (result.status !== 'ok') throw new Error(`the connector failed: ${result.message}`);

const fetched = await client.actions.get({ id });
console.log(`Connector verified: ${fetched.name} (${fetched.connector_type_id}) writing to ${fetched.config.index}`);
console.log(`Check your index: ${index}`);

const search = await (await fetch(`${ES_URL}/${index}/_search`)).json();
const found = search.hits.hits.find((h) => h._id === result.data.items[0].create._id);
console.log(`Document found: ${found ? found._source.message : 'no'}`);

await client.actions.delete({ id });
console.log('Connector deleted');
