// Error handling: every failure is an Error whose name says what happened.
import { connect, deleteIfPresent } from './connect.mjs';

const client = connect();
const id = 'kbnjs-error-handling';

async function show(label, action) {
  try {
    await action();
    console.log(`${label}: no error`);
  } catch (e) {
    const status = e.statusCode ? ` ${e.statusCode}` : '';
    console.log(`${label}: ${e.name}${status}: ${e.kibanaMessage ?? e.message}`);
  }
}

await deleteIfPresent(client, id);
await show('Get a missing connector', () => client.actions.get({ id: 'does-not-exist' }));
await client.actions.create({ id, name: 'Errors', connector_type_id: '.server-log' });
await show('Create a duplicate id', () => client.actions.create({ id, name: 'Again', connector_type_id: '.server-log' }));
await show('Invalid config', () => client.actions.create({ name: 'Bad', connector_type_id: '.index', config: { index: 666 } }));
await show('Unknown space', () => client.space('no-such-space').actions.getAll());
await show('Invalid space id', () => client.space('Not Valid'));
await client.actions.delete({ id });
