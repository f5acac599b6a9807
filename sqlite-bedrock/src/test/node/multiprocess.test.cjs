'use strict';
// Multi-process test of orez's WebAssembly SQLite (bedrock: WAL2, BEGIN
// CONCURRENT) and its VFS, which shares one database between processes through
// lock marker files in "<db>-locks/" and the wal-index in "<db>-shm".
//
// Models what zero-cache does with it: one replicator process writing, several
// view-syncer processes holding read transactions open while the writer keeps
// committing, periodic `PRAGMA wal_checkpoint(TRUNCATE)`, concurrent writers
// using BEGIN CONCURRENT, and recovery from a process that died holding locks.
//
// This file is both the test (parent role) and the worker processes it forks
// (role chosen by the OREZ_MP_ROLE environment variable).
//
// Needs:
//   OREZ_SQLITE_SHIM_DIR  the shim as orez installs it (NodeSqliteShim)
// Run: node --test sqlite-bedrock/src/test/node/multiprocess.test.cjs

const fs = require('node:fs');
const path = require('node:path');

const MODULE_PATH = path.join(process.env.OREZ_SQLITE_SHIM_DIR || '', 'index.cjs');

const ACCOUNTS = 10;
const INITIAL_BALANCE = 100;
const TRANSFERS = 300;
const CHECKPOINT_EVERY = 50;
const READERS = 3;
const CONCURRENT_OWN_ROWS = 200;
const CONCURRENT_SHARED_ROWS = 100;

// Busy-waits (the worker roles are synchronous, like zero-cache's use of the
// synchronous better-sqlite3 API).
function spin(ms) {
	const end = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
	while (process.hrtime.bigint() < end) { /* busy */ }
}

function errorInfo(err) {
	return { code: err && err.code, message: String(err && err.message), name: err && err.name };
}

function isBusy(err) {
	return !!err && typeof err.code === 'string' && err.code.startsWith('SQLITE_BUSY');
}

// Sends the final message to the parent, then exits once it is out.
function finish(message) {
	process.send(message, () => {
		process.disconnect();
		process.exit(0);
	});
}

// ---------------------------------------------------------------------------
// Worker roles
// ---------------------------------------------------------------------------

const workers = {
	// Test 1: the replicator. 300 transfer transactions, each also bumping the
	// version counter; wal_checkpoint(TRUNCATE) every 50.
	transferWriter(params) {
		const Database = require(MODULE_PATH);
		const db = new Database(params.file, { timeout: 10000 });
		db.pragma('journal_mode = wal2');
		db.pragma('synchronous = off');
		// In wal2 the writer only switches to the other wal file once the current one holds journal_size_limit
		// bytes (default ~1000 frames); without a small limit all 300 transactions stay in one wal file and
		// wal_checkpoint(TRUNCATE) has nothing it may checkpoint (native SQLite behaves the same). A small limit makes
		// the checkpoints copy pages into the database and the wal files switch while readers hold snapshots.
		db.pragma('journal_size_limit = 65536');
		const debit = db.prepare('UPDATE accounts SET balance = balance - 1 WHERE id = ?');
		const credit = db.prepare('UPDATE accounts SET balance = balance + 1 WHERE id = ?');
		const bump = db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'version'");
		const transfer = db.transaction((from, to) => {
			debit.run(from);
			credit.run(to);
			bump.run();
		});
		process.on('message', (msg) => {
			if (msg.type !== 'go') return;
			const checkpoints = [];
			const errors = [];
			let committed = 0;
			for (let i = 1; i <= TRANSFERS; i++) {
				const from = 1 + Math.floor(Math.random() * ACCOUNTS);
				let to = 1 + Math.floor(Math.random() * (ACCOUNTS - 1));
				if (to >= from) to++;
				try {
					transfer(from, to);
					committed++;
				} catch (err) {
					errors.push({ transaction: i, ...errorInfo(err) });
					break;
				}
				if (i % CHECKPOINT_EVERY === 0) {
					try {
						checkpoints.push(db.pragma('wal_checkpoint(TRUNCATE)')[0]);
					} catch (err) {
						errors.push({ checkpointAfter: i, ...errorInfo(err) });
						break;
					}
				}
				spin(0.5); // leaves readers room to interleave
			}
			db.close();
			finish({ type: 'done', committed, checkpoints, errors });
		});
		process.send({ type: 'ready' });
	},

	// Test 1: a view-syncer. Read transactions in a loop until told to stop.
	transferReader(params) {
		const Database = require(MODULE_PATH);
		const db = new Database(params.file, { timeout: 10000 });
		const read = db.prepare(`
			SELECT (SELECT value FROM meta WHERE key = 'version') AS version,
			       (SELECT sum(balance) FROM accounts) AS total,
			       (SELECT count(*) FROM accounts) AS accounts,
			       (SELECT group_concat(balance, ',') FROM (SELECT balance FROM accounts ORDER BY id)) AS balances`);
		const expectedTotal = ACCOUNTS * INITIAL_BALANCE;
		let snapshots = 0;
		let violationCount = 0;
		const violations = []; // first few, for the report
		const errors = [];
		let lastVersion = -1;
		let maxVersion = -1;
		let stop = false;
		let readySent = false;
		const violation = (v) => {
			violationCount++;
			if (violations.length < 20) violations.push(v);
		};
		process.on('message', (msg) => {
			if (msg.type === 'stop') stop = true;
		});
		const deadline = Date.now() + params.maxMs;
		const step = () => {
			if (stop || Date.now() > deadline || errors.length >= 20) {
				db.close();
				finish({
					type: 'done', snapshots, violationCount, violations, errors, lastVersion, maxVersion,
					timedOut: !stop,
				});
				return;
			}
			try {
				db.exec(params.begin);
				const first = read.get();
				spin(1 + Math.random() * 2);
				const second = read.get();
				db.exec('COMMIT');
				snapshots++;
				if (JSON.stringify(first) !== JSON.stringify(second)) {
					violation({ kind: 'snapshot changed inside transaction', first, second });
				}
				for (const row of [first, second]) {
					if (row.total !== expectedTotal || row.accounts !== ACCOUNTS) {
						violation({ kind: 'sum of balances', expected: expectedTotal, row });
					}
				}
				if (first.version < lastVersion) {
					violation({ kind: 'version went backwards', previous: lastVersion, now: first.version });
				}
				lastVersion = first.version;
				maxVersion = Math.max(maxVersion, first.version);
			} catch (err) {
				errors.push({ snapshot: snapshots, ...errorInfo(err) });
				try {
					if (db.inTransaction) db.exec('ROLLBACK');
				} catch (rollbackErr) {
					errors.push({ rollback: true, ...errorInfo(rollbackErr) });
				}
			}
			if (!readySent) {
				readySent = true;
				process.send({ type: 'ready' });
			}
			setImmediate(step);
		};
		step();
	},

	// Test 2: a writer with BEGIN CONCURRENT. One row into its own table per
	// transaction, and in the first 100 also one into the shared table. Retries
	// the whole transaction on SQLITE_BUSY*.
	concurrentWriter(params) {
		const Database = require(MODULE_PATH);
		const db = new Database(params.file, { timeout: 10000 });
		db.pragma('synchronous = off');
		const own = db.prepare(`INSERT INTO ${params.table} (seq, payload) VALUES (?, ?)`);
		const shared = db.prepare('INSERT INTO shared (writer, seq, payload) VALUES (?, ?, ?)');
		process.on('message', (msg) => {
			if (msg.type !== 'go') return;
			const retriesByCode = {};
			const errors = [];
			let retries = 0;
			let committed = 0;
			for (let seq = 0; seq < CONCURRENT_OWN_ROWS && errors.length === 0; seq++) {
				for (;;) {
					try {
						db.exec('BEGIN CONCURRENT');
						own.run(seq, 'x'.repeat(50 + (seq % 100)));
						spin(0.2 + Math.random() * 0.3); // widens the window for conflicts
						if (seq < CONCURRENT_SHARED_ROWS) shared.run(params.table, seq, 'y'.repeat(50 + (seq % 100)));
						db.exec('COMMIT');
						committed++;
						break;
					} catch (err) {
						try {
							if (db.inTransaction) db.exec('ROLLBACK');
						} catch (rollbackErr) {
							errors.push({ seq, rollback: true, ...errorInfo(rollbackErr) });
							break;
						}
						if (!isBusy(err)) {
							errors.push({ seq, ...errorInfo(err) });
							break;
						}
						retries++;
						retriesByCode[err.code] = (retriesByCode[err.code] || 0) + 1;
						if (retries > 20000) {
							errors.push({ seq, message: 'gave up after 20000 retries', ...errorInfo(err) });
							break;
						}
						spin(Math.random()); // random backoff
					}
				}
			}
			db.close();
			finish({ type: 'done', committed, retries, retriesByCode, errors });
		});
		process.send({ type: 'ready' });
	},

	// Test 3: opens a write transaction, writes (enough to spill uncommitted
	// pages into the WAL), tells the parent and waits to be killed.
	holdWriteTransaction(params) {
		const Database = require(MODULE_PATH);
		const db = new Database(params.file, { timeout: 10000 });
		db.pragma('cache_size = 5'); // spills uncommitted pages to the WAL
		db.exec('BEGIN IMMEDIATE');
		const insert = db.prepare('INSERT INTO items (origin, payload) VALUES (?, ?)');
		for (let i = 0; i < 500; i++) insert.run('killed', 'k'.repeat(200));
		process.send({ type: 'in-transaction', pid: process.pid });
		setInterval(() => {}, 1000); // sleeps until SIGKILL
	},

	// Test 3: the process started after the kill.
	writeAfterKill(params) {
		const Database = require(MODULE_PATH);
		const result = { type: 'done' };
		try {
			const db = new Database(params.file, { timeout: 10000 });
			db.exec('BEGIN IMMEDIATE');
			const insert = db.prepare('INSERT INTO items (origin, payload) VALUES (?, ?)');
			for (let i = 0; i < 10; i++) insert.run('survivor', 's'.repeat(20));
			db.exec('COMMIT');
			result.killedRows = db.prepare("SELECT count(*) AS n FROM items WHERE origin = 'killed'").get().n;
			result.survivorRows = db.prepare("SELECT count(*) AS n FROM items WHERE origin = 'survivor'").get().n;
			result.integrity = db.pragma('integrity_check', { simple: true });
			db.close();
		} catch (err) {
			result.error = errorInfo(err);
		}
		finish(result);
	},
};

if (process.env.OREZ_MP_ROLE) {
	const role = process.env.OREZ_MP_ROLE;
	if (!workers[role]) throw new Error(`unknown worker role ${role}`);
	workers[role](JSON.parse(process.env.OREZ_MP_PARAMS || '{}'));
} else {
	defineTests();
}

// ---------------------------------------------------------------------------
// Parent role: the tests
// ---------------------------------------------------------------------------

function defineTests() {
	const test = require('node:test');
	const assert = require('node:assert/strict');
	const { fork } = require('node:child_process');

	if (!process.env.OREZ_SQLITE_SHIM_DIR) throw new Error('set OREZ_SQLITE_SHIM_DIR to the installed shim directory');
	const Database = require(MODULE_PATH);

	const freshDir = require('./temp-dirs.cjs').tempDirs(test, 'orez-sqlite-mp-');

	// A new wal2 database in its own directory with the given schema; returns its path and the open connection.
	function wal2Database(label, schema) {
		const file = path.join(freshDir(label), `${label}.db`);
		const setup = new Database(file);
		assert.equal(setup.pragma('journal_mode = wal2', { simple: true }), 'wal2');
		setup.exec(schema);
		return { file, setup };
	}

	// A forked worker with a queue of the messages it sent.
	class Worker {
		constructor(role, params) {
			const env = { ...process.env, OREZ_MP_ROLE: role, OREZ_MP_PARAMS: JSON.stringify(params) };
			delete env.NODE_TEST_CONTEXT;
			this.role = role;
			this.stderr = '';
			this.messages = [];
			this.waiters = [];
			this.child = fork(__filename, [], { env, execArgv: [], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
			this.child.stderr.on('data', (d) => { this.stderr += d; });
			this.child.on('message', (msg) => {
				this.messages.push(msg);
				this.#wake();
			});
			this.exited = new Promise((resolve) => {
				this.child.on('exit', (code, signal) => {
					this.exitCode = code;
					this.exitSignal = signal;
					this.hasExited = true;
					this.#wake();
					resolve({ code, signal });
				});
			});
		}

		#wake() {
			const waiters = this.waiters;
			this.waiters = [];
			for (const w of waiters) w();
		}

		// The next message of the given type (consumed); fails if the worker exits first.
		async next(type) {
			for (;;) {
				const i = this.messages.findIndex((m) => m.type === type);
				if (i >= 0) return this.messages.splice(i, 1)[0];
				if (this.hasExited) {
					throw new Error(`worker ${this.role} exited (code ${this.exitCode}, signal ${this.exitSignal}) `
						+ `before sending "${type}"; stderr:\n${this.stderr}`);
				}
				await new Promise((resolve) => this.waiters.push(resolve));
			}
		}

		send(msg) {
			if (this.child.connected) this.child.send(msg);
		}

		kill(signal = 'SIGKILL') {
			if (!this.hasExited) this.child.kill(signal);
		}
	}

	// Runs fn with a list to register workers in; kills the leftovers.
	async function withWorkers(fn) {
		const list = [];
		try {
			return await fn(list);
		} finally {
			for (const w of list) w.kill();
			await Promise.all(list.map((w) => w.exited));
		}
	}

	test('bank transfers: readers in other processes always see consistent, monotonic snapshots', { timeout: 60000 }, async () => {
		const { file, setup } = wal2Database('bank', `
			CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
			CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
			INSERT INTO meta VALUES ('version', 0);`);
		const insert = setup.prepare('INSERT INTO accounts VALUES (?, ?)');
		for (let id = 1; id <= ACCOUNTS; id++) insert.run(id, INITIAL_BALANCE);
		setup.close();

		const { writerResult, readerResults } = await withWorkers(async (list) => {
			const readers = [];
			for (let i = 0; i < READERS; i++) {
				// The last reader uses BEGIN CONCURRENT, as zero-cache's view-syncers do.
				const begin = i === READERS - 1 ? 'BEGIN CONCURRENT' : 'BEGIN';
				const r = new Worker('transferReader', { file, begin, maxMs: 45000 });
				r.begin = begin;
				readers.push(r);
				list.push(r);
			}
			const writer = new Worker('transferWriter', { file });
			list.push(writer);
			// Start writing only once every reader has completed a snapshot.
			await Promise.all([writer.next('ready'), ...readers.map((r) => r.next('ready'))]);
			writer.send({ type: 'go' });
			const writerResult = await writer.next('done');
			for (const r of readers) r.send({ type: 'stop' });
			const readerResults = await Promise.all(readers.map((r) => r.next('done')));
			return { writerResult, readerResults: readerResults.map((res, i) => ({ begin: readers[i].begin, ...res })) };
		});

		const report = JSON.stringify({ writerResult, readerResults }, null, 1);
		for (const r of readerResults) {
			console.log(`reader (${r.begin}): ${r.snapshots} snapshots, max version ${r.maxVersion}, `
				+ `${r.violationCount} violations, ${r.errors.length} errors`);
		}
		console.log(`writer: ${writerResult.committed} transactions, checkpoints ${JSON.stringify(writerResult.checkpoints)}`);
		assert.deepEqual(writerResult.errors, [], report);
		assert.equal(writerResult.committed, TRANSFERS, report);
		for (const r of readerResults) {
			assert.equal(r.violationCount, 0, report);
			assert.deepEqual(r.errors, [], report);
			assert.equal(r.timedOut, false, report);
			assert.ok(r.snapshots > 0, report);
		}

		const db = new Database(file);
		try {
			assert.equal(db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get(), TRANSFERS);
			assert.equal(db.prepare('SELECT sum(balance) FROM accounts').pluck().get(), ACCOUNTS * INITIAL_BALANCE);
			assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
		} finally {
			db.close();
		}
	});

	test('BEGIN CONCURRENT writers in two processes: every row exactly once after retries', { timeout: 60000 }, async () => {
		const { file, setup } = wal2Database('concurrent', `
			CREATE TABLE t_a (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL);
			CREATE TABLE t_b (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL);
			CREATE TABLE shared (id INTEGER PRIMARY KEY, writer TEXT NOT NULL, seq INTEGER NOT NULL,
			                     payload TEXT NOT NULL, UNIQUE (writer, seq));`);
		setup.close();

		const results = await withWorkers(async (list) => {
			const writers = ['t_a', 't_b'].map((table) => new Worker('concurrentWriter', { file, table }));
			list.push(...writers);
			await Promise.all(writers.map((w) => w.next('ready')));
			for (const w of writers) w.send({ type: 'go' });
			return Promise.all(writers.map((w) => w.next('done')));
		});

		const report = JSON.stringify(results, null, 1);
		for (const [i, r] of results.entries()) {
			console.log(`writer ${i}: ${r.committed} commits, ${r.retries} retries ${JSON.stringify(r.retriesByCode)}`);
		}
		for (const r of results) {
			assert.deepEqual(r.errors, [], report);
			assert.equal(r.committed, CONCURRENT_OWN_ROWS, report);
		}

		const db = new Database(file);
		try {
			const count = (sql) => db.prepare(sql).pluck().get();
			assert.equal(count('SELECT count(*) FROM t_a'), CONCURRENT_OWN_ROWS);
			assert.equal(count('SELECT count(*) FROM t_b'), CONCURRENT_OWN_ROWS);
			assert.equal(count('SELECT count(*) FROM shared'), 2 * CONCURRENT_SHARED_ROWS);
			assert.equal(count("SELECT count(DISTINCT seq) FROM shared WHERE writer = 't_a'"), CONCURRENT_SHARED_ROWS);
			assert.equal(count("SELECT count(DISTINCT seq) FROM shared WHERE writer = 't_b'"), CONCURRENT_SHARED_ROWS);
			assert.equal(count('SELECT max(seq) FROM t_a'), CONCURRENT_OWN_ROWS - 1);
			assert.equal(count('SELECT max(seq) FROM t_b'), CONCURRENT_OWN_ROWS - 1);
			assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
		} finally {
			db.close();
		}
	});

	test('a process killed inside a write transaction does not block the next writer', { timeout: 60000 }, async () => {
		const dir = freshDir('kill');
		const file = path.join(dir, 'kill.db');
		const setup = new Database(file);
		assert.equal(setup.pragma('journal_mode = wal2', { simple: true }), 'wal2');
		setup.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, payload TEXT NOT NULL)');
		setup.prepare('INSERT INTO items (origin, payload) VALUES (?, ?)').run('setup', 'before');
		setup.close();

		const result = await withWorkers(async (list) => {
			const holder = new Worker('holdWriteTransaction', { file });
			list.push(holder);
			const { pid } = await holder.next('in-transaction');

			// The dead owner must have left exclusive lock markers behind, or this test proves nothing.
			const markers = fs.readdirSync(`${file}-locks`);
			const deadMarkers = markers.filter((name) => name.includes(`.x.${pid}-`));
			assert.ok(deadMarkers.length > 0, `expected exclusive markers of pid ${pid} in ${JSON.stringify(markers)}`);

			holder.kill('SIGKILL');
			const { signal } = await holder.exited; // reaped: its pid is no longer alive
			assert.equal(signal, 'SIGKILL');

			const next = new Worker('writeAfterKill', { file });
			list.push(next);
			return next.next('done');
		});

		assert.equal(result.error, undefined, JSON.stringify(result));
		assert.equal(result.killedRows, 0);
		assert.equal(result.survivorRows, 10);
		assert.equal(result.integrity, 'ok');

		const db = new Database(file);
		try {
			assert.deepEqual(db.prepare('SELECT origin, count(*) AS n FROM items GROUP BY origin ORDER BY origin').all(),
				[{ origin: 'setup', n: 1 }, { origin: 'survivor', n: 10 }]);
			assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
		} finally {
			db.close();
		}
	});
}
