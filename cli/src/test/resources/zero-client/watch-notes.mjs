// A real Zero client (the @rocicorp/zero package zero-cache runs from) watching the table `note` in Node.
// Node >= 22 has a global WebSocket and kvStore 'mem' stands in for IndexedDB, so no browser is needed.
// Every result the client sees is printed as one JSON line: {"result":"complete"|"unknown","ids":[...]}.
// Each stdin line "insert <id> <body...>" runs the CRUD mutator note.insert and prints {"mutated":id} once the
// server has applied it, or {"mutationError":...}.
// Environment: ZERO_URL. Ends when stdin closes, so it never outlives the test that started it.
import {createInterface} from 'node:readline';
import {Zero} from '@rocicorp/zero';
import {schema} from './note-schema.mjs';

const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');
process.on('unhandledRejection', (e) => print({error: String(e?.stack ?? e)}));

const zero = new Zero({cacheURL: process.env.ZERO_URL, userID: 'orez-it', schema, kvStore: 'mem', logLevel: 'error'});
const view = zero.query.note.materialize();
view.addListener((rows, result) => print({result, ids: rows.map((row) => row.id)}));

const lines = createInterface({input: process.stdin});
lines.on('line', async (line) => {
  const [command, id, ...body] = line.split(' ');
  if (command !== 'insert') return print({error: `unknown command ${line}`});
  try {
    const result = await zero.mutate.note.insert({id, body: body.join(' ')}).server;
    print(result?.type === 'error' ? {mutationError: result.error} : {mutated: id});
  } catch (e) {
    print({mutationError: String(e?.stack ?? e)});
  }
});
lines.on('close', async () => {
  view.destroy();
  await Promise.race([zero.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  process.exit(0);
});
