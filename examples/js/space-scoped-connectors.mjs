// Space-scoped connectors: create a space, a connector in it, run it, and delete the space
// (which deletes its connectors too).
import { connect } from './connect.mjs';

const client = connect();
const space = 'kbnjs-examples';

try {
  await client.spaces.delete(space);
} catch (e) {
  if (e.name !== 'NotFoundError') throw e;
}
await client.spaces.create({ id: space, name: 'kibana-connectors examples', color: '#54b399', initials: 'KC' });
console.log(`Space created: ${space}`);

// Per call with space_id ...
const connector = await client.actions.create({
  name: 'Space log',
  connector_type_id: '.server-log',
  space_id: space,
});
console.log(`Connector created in ${space}: ${connector.id}`);

// ... or through a space-scoped client.
const scoped = client.space(space);
const run = await scoped.actions.execute({ id: connector.id, params: { message: 'hello from a space', level: 'info' } });
console.log(`Execution status: ${run.status}`);
const inSpace = await scoped.actions.getAll();
console.log(`Connectors in ${space}: ${inSpace.length}`);

try {
  await client.actions.get({ id: connector.id });
} catch (e) {
  console.log(`From the default space: ${e.name}`);
}

await client.spaces.delete(space);
console.log(`Space deleted, and its connectors with it`);
try {
  await scoped.actions.getAll();
} catch (e) {
  console.log(`After deletion: ${e.name} (${e.spaceId})`);
}
