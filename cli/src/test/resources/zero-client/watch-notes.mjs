// A real Zero client (the @rocicorp/zero package zero-cache runs from) watching the table `note` in Node.
// Node >= 22 has a global WebSocket and kvStore 'mem' stands in for IndexedDB, so no browser is needed.
// Every result the client sees is printed as one JSON line: {"result":"complete"|"unknown","ids":[...]}.
// Environment: ZERO_URL. Ends when stdin closes, so it never outlives the test that started it.
import {Zero} from '@rocicorp/zero';
import {schema} from './note-schema.mjs';

const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');
process.on('unhandledRejection', (e) => print({error: String(e?.stack ?? e)}));

const zero = new Zero({cacheURL: process.env.ZERO_URL, userID: 'orez-it', schema, kvStore: 'mem', logLevel: 'error'});
const view = zero.query.note.materialize();
view.addListener((rows, result) => print({result, ids: rows.map((row) => row.id)}));

process.stdin.resume();
process.stdin.on('end', async () => {
  view.destroy();
  await Promise.race([zero.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  process.exit(0);
});
