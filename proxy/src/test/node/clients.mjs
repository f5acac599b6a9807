// Real-client checks for the orez proxy, driven by postgres.js, the driver
// zero-cache uses.
//
//   DATABASE_URL=postgres://user:password@127.0.0.1:6434/postgres node clients.mjs <scenario>
//
// On success prints one JSON line and exits 0. When a check fails it prints
// the reason to stderr and exits 1; bad usage exits 2. Scenarios are listed in
// SCENARIOS at the bottom and described in README.md.

import { createHash, randomUUID } from 'node:crypto'
import net from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { isDeepStrictEqual } from 'node:util'
import postgres from 'postgres'

// A single round trip should never take long; a hung step almost always means
// the proxy is holding one client behind another, so fail instead of waiting.
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 20_000)
// Bulk phases (the concurrent run, each COPY direction) get more room.
const BULK_TIMEOUT_MS = Number(process.env.BULK_TIMEOUT_MS ?? 300_000)
// How long the disconnect scenario lets a client wait for an answer while
// another client's transaction is open, before moving on without it.
const ANSWER_GRACE_MS = Number(process.env.ANSWER_GRACE_MS ?? 1_000)

// ---------------------------------------------------------------------------
// Checks and helpers

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message)
}

function show(value) {
  return typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)
}

function checkEqual(actual, expected, what) {
  check(isDeepStrictEqual(actual, expected),
    `${what}: expected ${show(expected)}, got ${show(actual)}`)
}

// Resolves with the promise's value, or fails the check after `ms`.
async function within(promise, what, ms = STEP_TIMEOUT_MS) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`${what}: no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

// Runs `promise` expecting a server error with the given SQLSTATE.
async function expectServerError(promise, sqlState, what) {
  let error
  try {
    await within(promise, what)
  } catch (e) {
    error = e
  }
  check(error !== undefined, `${what}: expected SQLSTATE ${sqlState}, but the statement succeeded`)
  if (error instanceof CheckFailed) throw error
  checkEqual(error.code, sqlState, `${what}: SQLSTATE (${error.message})`)
}

function describeError(error) {
  return `${error?.message ?? error}${error?.code ? ` (code ${error.code})` : ''}`
}

// Turns a query into a promise that never rejects: { value } or { error }.
function settle(query) {
  return Promise.resolve(query).then(value => ({ value }), error => ({ error }))
}

// True if `settled` (from settle()) is done within `ms`, false otherwise; the
// query keeps running either way.
async function settledWithin(settled, ms) {
  return await Promise.race([settled.then(() => true), sleep(ms).then(() => false)])
}

// A promise plus the function that resolves it, to hold a transaction open
// until the scenario says it may finish.
function gate() {
  let open
  const opened = new Promise(resolve => { open = resolve })
  return { opened, open }
}

function elapsedSince(startMs) {
  return Math.round(performance.now() - startMs)
}

function perSecond(count, ms) {
  return Math.round(count / (Math.max(ms, 1) / 1000))
}

// ---------------------------------------------------------------------------
// Connections
//
// Every client is its own postgres() instance with max: 1, so one instance is
// exactly one server connection. We open the TCP socket ourselves (postgres.js
// `socket` option) for two reasons: to count how many server connections each
// client really used, and to be able to drop one without a Terminate message,
// the way a crashed client would. The bytes on the wire are the same as when
// postgres.js opens the socket itself.

// postgres.js 3.4.9 rejects an internal promise nobody holds when a connection
// that is still starting up (its type lookup queued behind another client's
// transaction) is ended on purpose, as the disconnect scenario does. That is the
// client's own disconnect, not a server failure; anything else unhandled fails.
process.on('unhandledRejection', error => {
  if (error?.code === 'CONNECTION_DESTROYED') return
  console.error(`unhandled rejection: ${error?.stack ?? error}`)
  process.exit(1)
})

const databaseUrl = process.env.DATABASE_URL
const socketsByClient = new Map()

function serverAddress(url) {
  const parsed = new URL(url)
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: Number(parsed.port || 5432),
  }
}

function openSocket({ host, port }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port })
    socket.once('connect', () => {
      socket.removeListener('error', reject)
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

// zero-cache passes ssl: 'prefer' unless the URL says otherwise, so postgres.js
// starts with an SSLRequest and carries on in plain text when the server
// answers 'N'. postgres.js on its own would skip the SSLRequest.
function sslOption(url) {
  const mode = new URL(url).searchParams.get('sslmode')
  return mode === null ? { ssl: 'prefer' } : {}
}

function connect(options = {}) {
  const address = serverAddress(databaseUrl)
  const sockets = []
  const sql = postgres(databaseUrl, {
    max: 1,
    connect_timeout: 10,
    onnotice: () => {},
    ...sslOption(databaseUrl),
    socket: async () => {
      const socket = await openSocket(address)
      sockets.push(socket)
      return socket
    },
    ...options,
  })
  socketsByClient.set(sql, sockets)
  return sql
}

function socketsOf(sql) {
  return socketsByClient.get(sql)
}

// Checks that the client used one server connection from start to finish:
// it never reconnected and the connection is still up.
function checkSingleLiveConnection(sql, who) {
  const sockets = socketsOf(sql)
  checkEqual(sockets.length, 1, `${who}: number of server connections opened`)
  check(!sockets[0].destroyed, `${who}: its server connection was closed`)
}

// Drops the client's connection without a Terminate message, like a crash.
function dropConnection(sql) {
  for (const socket of socketsOf(sql)) socket.destroy()
}

async function endAllClients() {
  await Promise.all([...socketsByClient.keys()].map(sql => sql.end({ timeout: 1 })))
}

// ---------------------------------------------------------------------------
// Scenario: concurrent
//
// Eight connections interleave prepared INSERTs and SELECTs. Each client reads
// back the row it has just written; a proxy that mixes up sessions, statement
// names or results between connections returns someone else's row or none.

const CLIENT_COUNT = 8
const ITERATIONS = 300

async function concurrent() {
  const admin = connect()
  await within(admin`
    create table if not exists crosstalk (
      client int, n int, payload text, primary key (client, n))`, 'create table crosstalk')
  await within(admin`delete from crosstalk`, 'delete old crosstalk rows')

  const clients = Array.from({ length: CLIENT_COUNT }, () => connect())
  // Open every connection first so the timing below measures queries only.
  await within(Promise.all(clients.map(sql => sql`select 1`)), 'open the client connections')

  const runId = randomUUID()
  const started = performance.now()
  await within(
    Promise.all(clients.map((sql, client) => writeAndReadBack(sql, client, runId))),
    'concurrent insert/select run', BULK_TIMEOUT_MS)
  const elapsedMs = elapsedSince(started)

  clients.forEach((sql, client) => checkSingleLiveConnection(sql, `client ${client}`))
  await checkRowsPerClient(admin)

  const operations = CLIENT_COUNT * ITERATIONS * 2
  return { clients: CLIENT_COUNT, iterations: ITERATIONS, operations, elapsedMs,
    operationsPerSecond: perSecond(operations, elapsedMs) }
}

async function writeAndReadBack(sql, client, runId) {
  for (let n = 0; n < ITERATIONS; n++) {
    const payload = `client ${client} iteration ${n} run ${runId}`
    await sql`insert into crosstalk (client, n, payload) values (${client}, ${n}, ${payload})`
    const rows = await sql`select client, n, payload from crosstalk where client = ${client} and n = ${n}`
    const where = `client ${client} iteration ${n}`
    checkEqual(rows.length, 1, `${where}: rows read back`)
    checkEqual(rows[0], { client, n, payload }, `${where}: row read back`)
  }
}

async function checkRowsPerClient(sql) {
  const rows = await within(
    sql`select client, count(*)::int as rows from crosstalk group by client order by client`,
    'count rows per client')
  const expected = Array.from({ length: CLIENT_COUNT }, (_, client) => ({ client, rows: ITERATIONS }))
  checkEqual(rows.map(row => ({ ...row })), expected, 'rows per client after the run')
}

// ---------------------------------------------------------------------------
// Scenario: disconnect
//
// One client going away, or sitting in an aborted transaction, must not
// change what another client's open transaction sees or commits.

async function disconnect() {
  const admin = connect()
  await within(admin`create table if not exists disconnect_rows (who text primary key)`,
    'create table disconnect_rows')
  await within(admin`delete from disconnect_rows`, 'delete old disconnect_rows rows')

  return {
    ...await othersDisconnectDuringOpenTransaction(admin),
    ...await abortedTransactionStaysPrivate(admin),
  }
}

async function othersDisconnectDuringOpenTransaction(admin) {
  const a = connect()
  const inserted = gate()
  const mayCommit = gate()
  const transactionA = a.begin(async tx => {
    await tx`insert into disconnect_rows (who) values ('A')`
    inserted.open()
    await mayCommit.opened
    // Still inside A's transaction: its own uncommitted row must be there.
    const [{ own }] = await tx`select count(*)::int as own from disconnect_rows where who = 'A'`
    checkEqual(own, 1, "A's uncommitted row seen inside A's transaction after B and B2 left")
  })
  // Awaited for real at the end; this only keeps an early failure from being
  // reported as an unhandled rejection while B and B2 run.
  transactionA.catch(() => {})
  // If A's transaction fails before its insert is done, report that instead
  // of waiting for the gate to time out.
  await within(Promise.race([inserted.opened, transactionA]), 'A: begin and insert')

  // B ends its connection at once (postgres.js sends Terminate and closes).
  const b = connect()
  const bLeft = await runThenLeave(b, 'B', () => b.end({ timeout: 0 }))
  // B2 vanishes without a Terminate message, like a client that crashed.
  const b2 = connect()
  const b2Left = await runThenLeave(b2, 'B2', () => dropConnection(b2))
  // Give the server time to notice both disconnects before A continues, so a
  // cleanup that rolls back the wrong session has had its chance to happen.
  await sleep(300)

  mayCommit.open()
  await within(transactionA, 'A: commit')
  const rows = await within(admin`select who from disconnect_rows where who = 'A'`, 'read A row')
  checkEqual(rows.length, 1, "A's committed row after B and B2 disconnected")
  // Only now: a server that queues B and B2 behind A's transaction answers
  // them (or postgres.js, having reconnected, re-sends) after A is done.
  await bLeft.checked
  await b2Left.checked
  b2.end({ timeout: 0 }).catch(() => {})
  const bAnswered = bLeft.answered
  const b2Answered = b2Left.answered
  return { bAnsweredWhileAOpen: bAnswered, b2AnsweredWhileAOpen: b2Answered }
}

// A server may answer another client while A's transaction is open (Postgres
// does) or hold it until A is done (a proxy serializing one engine session
// may). So the client waits a little for its answer, then leaves either way;
// A must not be able to tell. Returns whether the answer came before leaving.
async function runThenLeave(sql, who, leave) {
  const outcome = settle(sql`select 1 as one`)
  const answered = await settledWithin(outcome, ANSWER_GRACE_MS)
  // Leaving while the query is still queued may reject with the client's own disconnect.
  await within(Promise.resolve(leave()).catch(error => checkAnswerOrDisconnect({ error }, who)), `${who}: leave`)
  const checked = within(outcome, `${who}: select 1`).then(result => checkAnswerOrDisconnect(result, who))
  checked.catch(() => {}) // awaited by the caller; this only keeps it from counting as unhandled meanwhile
  return { answered, checked }
}

// A client that left may have had its answer or lost it to its own
// disconnect, but it must never have had a server error or a wrong answer.
function checkAnswerOrDisconnect({ value, error }, who) {
  if (error === undefined) {
    checkEqual(value[0]?.one, 1, `${who}: select 1`)
    return
  }
  check(/^CONNECTION_(DESTROYED|CLOSED|ENDED)$/.test(error.code ?? ''),
    `${who}: select 1 failed with something other than its own disconnect: ${describeError(error)}`)
}

async function abortedTransactionStaysPrivate(admin) {
  const c = connect()
  const d = connect()
  const reservedC = await within(c.reserve(), 'C: reserve connection')

  await within(reservedC`begin`, 'C: begin')
  await within(reservedC`insert into disconnect_rows (who) values ('C')`, 'C: insert')
  await expectServerError(reservedC`select 1/0 as boom`, '22012', 'C: select 1/0')
  // C's transaction is now aborted: it refuses further statements until rollback.
  await expectServerError(reservedC`select 1 as one`, '25P02', 'C: statement in aborted transaction')

  // As with B: D may be answered at once or only after C is done, but it must
  // never land in C's aborted transaction.
  const dOutcome = settle(d`select 1 as one`)
  const dAnswered = await settledWithin(dOutcome, ANSWER_GRACE_MS)

  await within(reservedC`rollback`, 'C: rollback')
  const { value, error } = await within(dOutcome, 'D: select 1')
  check(error === undefined,
    `D: select 1 while C's transaction was aborted failed: ${describeError(error)}`)
  checkEqual(value[0].one, 1, "D: select 1 while C's transaction was aborted")

  const [{ two }] = await within(reservedC`select 2 as two`, 'C: select after rollback')
  checkEqual(two, 2, 'C: select after rollback')
  reservedC.release()

  const rows = await within(admin`select who from disconnect_rows where who = 'C'`, 'read C row')
  checkEqual(rows.length, 0, "C's rolled-back row")
  return { dAnsweredWhileCAborted: dAnswered }
}

// ---------------------------------------------------------------------------
// Scenario: copy
//
// 200,000 rows in and out through COPY in text format, then an ordinary query
// on the same connection. Some names carry escaped tabs, newlines, backslashes,
// non-ASCII text and NULLs so every byte of the stream matters.

const COPY_ROWS = 200_000
const ROWS_PER_CHUNK = 1_000

function nameFor(id) {
  if (id % 10_000 === 0) return null
  if (id % 1_000 === 0) return `tab\there, newline\nthere, back\\slash, ünïcødé 日本 ${id}`
  return `name-${id}`
}

function copyTextField(value) {
  if (value === null) return '\\N'
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

function copyTextLine(id) {
  return `${id}\t${copyTextField(nameFor(id))}\n`
}

// Yields the COPY text in chunks, feeding every byte to `digest` as well: the
// COPY TO output of the same rows in id order must be byte-for-byte identical.
function* copyTextChunks(digest) {
  let chunk = ''
  for (let id = 1; id <= COPY_ROWS; id++) {
    chunk += copyTextLine(id)
    if (id % ROWS_PER_CHUNK === 0 || id === COPY_ROWS) {
      const bytes = Buffer.from(chunk)
      digest.update(bytes)
      yield bytes
      chunk = ''
    }
  }
}

function expectedTableSummary() {
  const names = []
  for (let id = 1; id <= COPY_ROWS; id++) {
    const name = nameFor(id)
    if (name !== null) names.push(name)
  }
  return {
    rows: COPY_ROWS,
    idSum: String((COPY_ROWS * (COPY_ROWS + 1)) / 2),
    named: names.length,
    namesMd5: createHash('md5').update(names.join('|')).digest('hex'),
  }
}

async function copy() {
  const sql = connect()
  await within(sql`drop table if exists copied`, 'drop table copied')
  await within(sql`create table copied (id int, name text)`, 'create table copied')

  const sentDigest = createHash('sha256')
  const inStarted = performance.now()
  await within(
    sql`copy copied from stdin`.writable()
      .then(target => pipeline(Readable.from(copyTextChunks(sentDigest)), target)),
    'COPY FROM STDIN', BULK_TIMEOUT_MS)
  const inMs = elapsedSince(inStarted)
  await checkCopiedTable(sql)

  const outStarted = performance.now()
  const received = await within(
    copyOut(sql, sql`copy (select * from copied order by id) to stdout`),
    'COPY TO STDOUT', BULK_TIMEOUT_MS)
  const outMs = elapsedSince(outStarted)
  checkEqual(received.rows, COPY_ROWS, 'COPY TO STDOUT: rows received')
  check(received.sha256 === sentDigest.digest('hex'),
    'COPY TO STDOUT: output differs from the text sent with COPY FROM STDIN')

  const [{ small }] = await within(
    sql`select count(*)::int as small from copied where id <= ${10}`, 'query after COPY')
  checkEqual(small, 10, 'ordinary query after COPY')
  checkSingleLiveConnection(sql, 'COPY client')

  return { rows: COPY_ROWS,
    copyInMs: inMs, copyInRowsPerSecond: perSecond(COPY_ROWS, inMs),
    copyOutMs: outMs, copyOutRowsPerSecond: perSecond(COPY_ROWS, outMs) }
}

async function checkCopiedTable(sql) {
  const [summary] = await within(sql`
    select count(*)::int as rows, sum(id)::text as "idSum", count(name)::int as named,
           md5(string_agg(name, '|' order by id)) as "namesMd5"
    from copied`, 'summarize copied rows')
  checkEqual({ ...summary }, expectedTableSummary(), 'copied table after COPY FROM STDIN')
}

async function copyOut(sql, query) {
  const digest = createHash('sha256')
  let rows = 0
  for await (const chunk of await query.readable()) {
    digest.update(chunk)
    rows += countNewlines(chunk)
  }
  resumeAfterCopyOut(sql)
  return { rows, sha256: digest.digest('hex') }
}

function countNewlines(buffer) {
  let count = 0
  for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, at + 1)) count++
  return count
}

// postgres.js pauses its socket when the COPY stream's buffer is full and
// resumes it when the stream is read. If CopyDone arrives in the same packet
// as that last CopyData, nothing resumes it and the connection's next query
// never gets its answer (postgres.js issue #499, unfixed in 3.4.x). Resuming
// here keeps the check about the proxy rather than about that client bug.
function resumeAfterCopyOut(sql) {
  for (const socket of socketsOf(sql)) if (socket.isPaused()) socket.resume()
}

// ---------------------------------------------------------------------------
// Scenario: types
//
// Common types written and read back through prepared statements, compared
// exactly, plus a multi-statement simple query.

function sampleValues() {
  const when = new Date('2024-02-29T12:34:56.789Z')
  return {
    int8: '9223372036854775807', // postgres.js hands int8 back as a string
    numeric: '-12345678901234567890.000000000123456789',
    float8: 0.1 + 0.2, // 0.30000000000000004: needs all 17 digits to survive
    bool: true,
    json: { b: 1, a: [1, 2, { c: 'x' }], s: 'quote " and ünï' },
    jsonb: { n: 1.5, nested: { list: [true, null, 'text'] } },
    timestamptz: when,
    date: '2024-02-29',
    uuid: randomUUID(),
    bytea: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    // No null element: postgres.js reads an unquoted NULL in a text array
    // back as the string 'NULL', so it could not be compared exactly.
    textArray: ['plain', 'with space', 'comma,inside', 'quote"inside', 'back\\slash',
      '{braces}', '', 'NULL', 'ünïcødé'],
    int4Array: [0, 1, -2, 2147483647, -2147483648],
  }
}

async function types() {
  const sql = connect()
  await within(sql`drop table if exists typed_values`, 'drop table typed_values')
  await within(sql`
    create table typed_values (
      id int primary key, int8 int8, numeric numeric, float8 float8, bool bool,
      json json, jsonb jsonb, timestamptz timestamptz, date date, uuid uuid,
      bytea bytea, text_array text[], int4_array int4[])`, 'create table typed_values')

  const v = sampleValues()
  await within(sql`
    insert into typed_values values (
      ${1}, ${v.int8}, ${v.numeric}, ${v.float8}, ${v.bool}, ${v.json}, ${v.jsonb},
      ${v.timestamptz}, ${v.date}, ${v.uuid}, ${v.bytea}, ${v.textArray}, ${v.int4Array})`,
    'insert typed row')
  const rows = await within(sql`select * from typed_values where id = ${1}`, 'select typed row')
  checkEqual(rows.length, 1, 'typed rows read back')
  checkTypedRow(rows[0], v)
  await checkTextForms(sql, v)

  const multi = await checkMultiStatementQuery(sql)
  return { typesChecked: Object.keys(v), multiStatementResults: multi }
}

function checkTypedRow(row, v) {
  checkEqual(row.int8, v.int8, 'int8')
  checkEqual(row.numeric, v.numeric, 'numeric')
  check(Object.is(row.float8, v.float8), `float8: expected ${v.float8}, got ${row.float8}`)
  checkEqual(row.bool, v.bool, 'bool')
  checkEqual(row.json, v.json, 'json')
  checkEqual(row.jsonb, v.jsonb, 'jsonb')
  check(row.timestamptz instanceof Date, 'timestamptz: expected a Date')
  checkEqual(row.timestamptz.getTime(), v.timestamptz.getTime(), 'timestamptz (ms since epoch)')
  check(row.date instanceof Date, 'date: expected a Date')
  checkEqual(row.date.getTime(), Date.parse(`${v.date}T00:00:00Z`), 'date (UTC midnight)')
  checkEqual(row.uuid, v.uuid, 'uuid')
  check(Buffer.isBuffer(row.bytea) && row.bytea.equals(v.bytea),
    `bytea: expected ${v.bytea.toString('hex')}, got ${Buffer.from(row.bytea ?? []).toString('hex')}`)
  checkEqual(row.text_array, v.textArray, 'text[]')
  checkEqual(row.int4_array, v.int4Array, 'int4[]')
}

// The server's own text for values whose JavaScript form loses detail
// (json key order and spacing, the date without a time zone, the instant).
async function checkTextForms(sql, v) {
  const [text] = await within(sql`
    select json::text as json, date::text as date,
           to_char(timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as timestamptz
    from typed_values where id = ${1}`, 'select text forms')
  checkEqual(text.json, JSON.stringify(v.json), 'json text as stored')
  checkEqual(text.date, v.date, 'date text')
  checkEqual(text.timestamptz, v.timestamptz.toISOString(), 'timestamptz text in UTC')
}

async function checkMultiStatementQuery(sql) {
  const results = await within(sql.unsafe('select 1 as a; select 2 as b'), 'multi-statement query')
  check(Array.isArray(results) && results.length === 2,
    `multi-statement query: expected 2 result sets, got ${show(results)}`)
  const [first, second] = results.map(result => result.map(row => ({ ...row })))
  checkEqual(first, [{ a: 1 }], 'multi-statement query: first result set')
  checkEqual(second, [{ b: 2 }], 'multi-statement query: second result set')
  return [first, second]
}

// ---------------------------------------------------------------------------
// Entry point

const SCENARIOS = { concurrent, disconnect, copy, types }

function usage(problem) {
  process.stderr.write(`${problem}\nusage: DATABASE_URL=postgres://... node clients.mjs <${Object.keys(SCENARIOS).join('|')}>\n`)
  process.exit(2)
}

async function main() {
  const name = process.argv[2]
  const scenario = SCENARIOS[name]
  if (!scenario) usage(name ? `unknown scenario: ${name}` : 'no scenario given')
  if (!databaseUrl) usage('DATABASE_URL is not set')

  try {
    const result = await scenario()
    await within(endAllClients(), 'close connections')
    process.stdout.write(JSON.stringify({ scenario: name, ok: true, ...result }) + '\n')
    process.exit(0)
  } catch (error) {
    const reason = error instanceof CheckFailed
      ? error.message
      : `unexpected error: ${describeError(error)}\n${error?.stack ?? ''}`
    process.stderr.write(`${name} FAILED: ${reason}\n`)
    // Don't wait for connections that may be stuck; exiting closes them.
    process.exit(1)
  }
}

main()
