'use strict';
// Differential test: runs the same operations on the native
// @rocicorp/zero-sqlite3 addon and on orez's WebAssembly implementation and
// requires identical results (values, errors, codes, messages).
//
// Needs:
//   OREZ_NATIVE_ZERO_SQLITE3  directory of the native @rocicorp/zero-sqlite3 package
//   OREZ_SQLITE_SHIM_DIR      the shim as orez installs it (NodeSqliteShim): the
//                             .cjs files with sqlite3.wasm beside them
// Run: node --test sqlite-bedrock/src/test/node/differential.test.cjs

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { spawnSync } = require('node:child_process');

const NODE_DIR = process.env.OREZ_SQLITE_SHIM_DIR;
const nativePath = process.env.OREZ_NATIVE_ZERO_SQLITE3;
if (!nativePath) throw new Error('set OREZ_NATIVE_ZERO_SQLITE3 to the native @rocicorp/zero-sqlite3 package directory');
if (!NODE_DIR) throw new Error('set OREZ_SQLITE_SHIM_DIR to the installed shim directory');

const Native = require(nativePath);
const Wasm = require(path.join(NODE_DIR, 'index.cjs'));
const IMPLS = [['native', Native], ['wasm', Wasm]];

const freshDir = require('./temp-dirs.cjs').tempDirs(test, 'orez-sqlite-diff-');

// Outcome of fn: its value, or a description of what it threw.
function outcome(fn) {
	try {
		return { value: fn() };
	} catch (err) {
		return describeError(err);
	}
}

function describeError(err) {
	if (!(err instanceof Error)) return { thrown: err };
	return {
		error: err.constructor.name,
		name: err.name,
		message: err.message,
		code: err.code,
		keys: Object.keys(err),
	};
}

// Runs body(Database, dir) on both implementations and asserts equal results.
function same(body) {
	const results = IMPLS.map(([label, D]) => {
		const dir = freshDir(label);
		return outcome(() => body(D, dir));
	});
	assert.deepStrictEqual(results[1], results[0]);
	// Errors that are part of a case are captured with outcome() inside the
	// body; an escaping error means the case itself is broken.
	if (!('value' in results[0])) assert.fail(`case threw: ${util.inspect(results[0])}`);
	return results[0];
}

async function sameAsync(body) {
	const results = [];
	for (const [label, D] of IMPLS) {
		const dir = freshDir(label);
		try {
			results.push({ value: await body(D, dir) });
		} catch (err) {
			results.push(describeError(err));
		}
	}
	assert.deepStrictEqual(results[1], results[0]);
	if (!('value' in results[0])) assert.fail(`case threw: ${util.inspect(results[0])}`);
	return results[0];
}

// Rows 1..n as a common table expression named series(value).
const series = (n) => `with recursive series(value) as (select 1 union all select value + 1 from series where value < ${n})`;

test('the two implementations are the ones we mean to compare', () => {
	assert.equal(Wasm.orezWasm, true);
	assert.equal(Native.orezWasm, undefined);
	assert.notEqual(Wasm, Native);
	assert.equal(Wasm.SqliteError, Wasm.SqliteError);
	assert.notEqual(Wasm.SqliteError, Native.SqliteError);
	const natKeys = Object.getOwnPropertyNames(Native).filter((k) => /^SQLITE_/.test(k));
	assert.ok(natKeys.length >= 9);
	for (const k of natKeys) assert.equal(Wasm[k], Native[k], k);
	assert.equal(typeof Wasm.SqliteError, 'function');
});

test('shape of database and statement objects', () => {
	same((D) => {
		const db = new D(':memory:');
		const stmt = db.prepare('select 1 as x');
		const r = {
			db: Object.keys(db),
			stmt: Object.keys(stmt),
			props: [db.name, db.open, db.inTransaction, db.readonly, db.memory],
			sprops: [stmt.reader, stmt.readonly, stmt.source, stmt.busy, stmt.database === db],
			writer: [db.prepare('create table t(a)').reader, db.prepare('create table t(a)').readonly],
			pragmaReader: db.prepare('pragma user_version = 3').reader,
		};
		db.close();
		r.closed = [db.open, db.inTransaction];
		return r;
	});
	same((D) => new D('').memory);
});

const EDGE_VALUES = () => [
	null, undefined, 0, -0, 1, -1, 1.5, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE,
	Infinity, -Infinity, NaN,
	0n, 1n, -1n, 9223372036854775807n, -9223372036854775808n, 9007199254740993n,
	'', 'plain', 'ÄÖÜ ß', '😀 astral 𝄞', '\uFEFFbom', '\uD800 lone', 'nul\u0000inside', 'x'.repeat(10000),
	Buffer.alloc(0), Buffer.from([0, 1, 2, 255]), new Uint8Array([9, 8, 7]), new Float64Array([1.5]),
];

test('storage classes and edge values round-trip (safeIntegers off and on)', () => {
	for (const safe of [false, true]) {
		same((D) => {
			const db = new D(':memory:');
			const stmt = db.prepare('select v, typeof(v) as t, length(v) as n from (select ? as v)').safeIntegers(safe);
			return EDGE_VALUES().map((v) => outcome(() => stmt.get(v)));
		});
	}
});

test('values stored in a table and read back', () => {
	for (const safe of [false, true]) {
		same((D) => {
			const db = new D(':memory:');
			db.defaultSafeIntegers(safe);
			db.exec('create table t(id integer primary key, i integer, r real, s text, b blob, x any)');
			const ins = db.prepare('insert into t(i, r, s, b, x) values (?, ?, ?, ?, ?)');
			const runs = EDGE_VALUES().map((v) => outcome(() => ins.run(v, v, v, v, v)));
			return {
				runs,
				rows: db.prepare('select *, typeof(i), typeof(r), typeof(s), typeof(b), typeof(x) from t').all(),
				big: db.prepare('select 9223372036854775807 as a, -9223372036854775808 as b, 9007199254740993 as c, 1e300 * 1e300 as inf').get(),
			};
		});
	}
});

test('named and positional parameters, and binding errors', () => {
	same((D) => {
		const db = new D(':memory:');
		const o = (f) => outcome(f);
		const named = db.prepare('select @a as a, :b as b, $c as c');
		const numbered = db.prepare('select ?1 as one, ?2 as two, ?1 as again');
		const pos = db.prepare('select ? as x, ? as y, ? as z');
		const mixed = db.prepare('select ? as x, @n as n, ? as y');
		class NotPlain { constructor() { this.a = 1; } }
		return [
			o(() => named.get({ a: 1, b: 'two', c: null })),
			o(() => named.get(Object.assign(Object.create(null), { a: 1, b: 2, c: 3 }))),
			o(() => named.get({ a: 1, b: 2 })),
			o(() => named.get({ a: 1, b: 2, c: 3, extra: 4 })),
			o(() => named.get()),
			o(() => named.get({ a: 1 }, { b: 2, c: 3 })),
			o(() => named.get(new NotPlain())),
			o(() => named.get(1, 2, 3)),
			o(() => numbered.get({ 1: 'x', 2: 'y' })),
			o(() => numbered.get('x', 'y')),
			o(() => pos.get(1, 2, 3)),
			o(() => pos.get([1, 2, 3])),
			o(() => pos.get([1], 2, [3])),
			o(() => pos.get([[1], 2, 3])),
			o(() => pos.get(1, 2)),
			o(() => pos.get(1, 2, 3, 4)),
			o(() => pos.get(true, 2, 3)),
			o(() => pos.get({}, 2, 3)),
			o(() => pos.get(Symbol('s'), 2, 3)),
			o(() => pos.get(2n ** 63n, 2, 3)),
			o(() => pos.get(-(2n ** 63n) - 1n, 2, 3)),
			o(() => pos.get(new Date(0), 2, 3)),
			o(() => mixed.get(1, { n: 'N' }, 2)),
			o(() => mixed.get([1, 2], { n: 'N' })),
			o(() => mixed.get(1, 2)),
			o(() => db.prepare('select 1').get(1)),
		];
	});
});

test('bind() makes bindings permanent', () => {
	same((D) => {
		const db = new D(':memory:');
		const s = db.prepare('select ? as x').bind(42);
		return [
			outcome(() => s.get()),
			outcome(() => s.all()),
			outcome(() => s.get(1)),
			outcome(() => s.bind(2)),
			outcome(() => db.prepare('select ? as x').bind()),
		];
	});
});

test('pluck, raw, expand and columns()', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec(`create table a(id integer primary key, name text not null);
			create table b(id integer primary key, a_id int references a(id), v real);
			insert into a values (1, 'one'), (2, 'two');
			insert into b values (10, 1, 0.5), (11, 2, 1.5), (12, 1, 2.5);`);
		const sql = 'select a.id, a.name, b.id, b.v, b.v * 2 as dbl, 7 as lit from a join b on b.a_id = a.id order by b.id';
		const s = db.prepare(sql);
		return {
			flat: s.all(),
			pluck: s.pluck().all(),
			pluckOff: s.pluck(false).get(),
			raw: s.raw().all(),
			rawThenPluckOff: s.pluck(false).get(),
			expand: s.expand().all(),
			expandOff: s.expand(false).get(),
			rawOffAfterExpand: s.raw(false).get(),
			badArg: outcome(() => s.raw(1)),
			columns: s.columns(),
			columnsExpr: db.prepare('select 1 + 1 as two, count(*) from a').columns(),
			writerPluck: outcome(() => db.prepare('insert into a(name) values (1)').pluck()),
			writerColumns: outcome(() => db.prepare('insert into a(name) values (1)').columns()),
			writerGet: outcome(() => db.prepare('insert into a(name) values (1)').get()),
			writerAll: outcome(() => db.prepare('insert into a(name) values (1)').all()),
			writerIterate: outcome(() => db.prepare('insert into a(name) values (1)').iterate()),
			dupNames: db.prepare('select 1 as x, 2 as x, 3 as "__proto__"').get(),
			noRow: db.prepare('select * from a where id = -1').get(),
			empty: db.prepare('select * from a where id = -1').all(),
		};
	});
});

test('run() results', () => {
	for (const safe of [false, true]) {
		same((D) => {
			const db = new D(':memory:');
			db.defaultSafeIntegers(safe);
			db.exec('create table t(id integer primary key, v)');
			return [
				db.prepare('insert into t(v) values (1), (2), (3)').run(),
				db.prepare('insert into t(id, v) values (9007199254740993, 4)').run(),
				db.prepare('update t set v = v + 1 where id < 3').run(),
				db.prepare('select * from t').run(),
				db.prepare('delete from t').run(),
				db.prepare('create table u(x)').run(),
				db.prepare('insert into t(id, v) values (?, ?)').safeIntegers(!safe).run(5n, 5),
			];
		});
	}
});

test('iterate, early break, and the busy connection while iterating', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec('create table t(x); insert into t values (1), (2), (3), (4)');
		const s = db.prepare('select x from t order by x');
		const other = db.prepare('select count(*) as c from t');
		const ins = db.prepare('insert into t values (?)');
		const seen = [];
		for (const row of s.iterate()) {
			seen.push(row.x);
			if (row.x === 2) break;
		}
		const it = s.iterate();
		const first = it.next();
		const during = {
			busy: s.busy,
			sameStmt: outcome(() => s.get()),
			sameAll: outcome(() => s.all()),
			sameIterate: outcome(() => s.iterate()),
			pluck: outcome(() => s.pluck()),
			otherGet: outcome(() => other.get()),
			otherRun: outcome(() => ins.run(9)),
			exec: outcome(() => db.exec('select 1')),
			pragma: outcome(() => db.pragma('user_version')),
			close: outcome(() => db.close()),
			serialize: outcome(() => db.serialize().length > 0),
		};
		const ret = it.return();
		const afterReturn = [it.next(), it.return(), s.busy];
		const unsafe = (() => {
			db.unsafeMode();
			const it2 = s.raw().iterate();
			it2.next();
			const r = outcome(() => ins.run(5));
			it2.return();
			db.unsafeMode(false);
			return r;
		})();
		const all = [...s.iterate()];
		const done = s.iterate();
		const exhausted = [...done, done.next(), s.busy];
		const withParams = [...db.prepare('select x from t where x > ? order by x').pluck().iterate(2)];
		return { seen, first, during, ret, afterReturn, unsafe, all, exhausted, withParams, it: typeof it[Symbol.iterator] };
	});
});

test('transactions: nesting, savepoints, rollback on throw', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec('create table t(x)');
		const ins = db.prepare('insert into t values (?)');
		const count = () => db.prepare('select group_concat(x) as g from t').pluck().get();
		const log = [];
		const inner = db.transaction((v, fail) => {
			log.push(['inner', db.inTransaction]);
			ins.run(v);
			if (fail) throw new Error('inner fail');
		});
		const outer = db.transaction(function (a) {
			log.push(['outer', db.inTransaction, this && this.tag]);
			ins.run(a);
			inner(a + 1, false);
			try { inner(a + 2, true); } catch (e) { log.push(['caught', e.message, db.inTransaction]); }
			return 'ok';
		});
		const results = [];
		results.push(outer.call({ tag: 'ctx' }, 10), count());
		results.push(outcome(() => db.transaction(() => { ins.run(99); inner(100, true); })()), count());
		results.push(outcome(() => db.transaction(() => Promise.resolve(1))()), count(), db.inTransaction);
		results.push(outer.immediate(20), outer.exclusive(30), outer.deferred(40), count());
		results.push(typeof outer.deferred, outer.database === db, Object.keys(outer));
		results.push(outcome(() => db.transaction(1)));
		// An error that already ended the transaction (ROLLBACK inside) must not
		// lead to a second rollback.
		results.push(outcome(() => db.transaction(() => { db.exec('ROLLBACK'); throw new Error('gone'); })()), db.inTransaction);
		return { results, log };
	});
});

test('pragma, simple and not', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec('create table t(a integer primary key, b text)');
		return [
			db.pragma('user_version'),
			db.pragma('user_version = 7'),
			db.pragma('user_version', { simple: true }),
			db.pragma('table_info(t)'),
			db.pragma('table_info(t)', { simple: true }),
			db.pragma('nonexistent_pragma'),
			db.pragma('nonexistent_pragma', { simple: true }),
			outcome(() => db.pragma('user_version', { simple: 1 })),
			outcome(() => db.pragma(5)),
			db.pragma('case_sensitive_like = ON'),
			db.pragma('page_size'),
		];
	});
});

test('errors: codes and messages', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec(`create table p(id integer primary key, u text unique, n not null default 1, c int check (c > 0));
			create table ch(pid references p(id));
			pragma foreign_keys = on;
			insert into p(id, u, c) values (1, 'a', 1);`);
		const e = (f) => outcome(f);
		return [
			e(() => db.prepare('insert into p(id, c) values (1, 1)').run()),
			e(() => db.prepare("insert into p(u, c) values ('a', 1)").run()),
			e(() => db.prepare('insert into p(n, c) values (null, 1)').run()),
			e(() => db.prepare('insert into p(c) values (0)').run()),
			e(() => db.prepare('insert into ch values (42)').run()),
			e(() => db.prepare('selec 1')),
			e(() => db.prepare('select * from nope')),
			e(() => db.prepare('select 1; select 2')),
			e(() => db.prepare('select 1; -- comment\n /* block */ ;').source),
			e(() => db.prepare('select 1 /* unterminated').get()),
			e(() => db.prepare('select 1; /* x */ select 2')),
			e(() => db.prepare('   ')),
			e(() => db.prepare('')),
			e(() => db.prepare(42)),
			e(() => db.exec('create table z(a); insert into z values (1); insert into nope values (1)')),
			e(() => db.prepare('select * from z').all()),
			e(() => db.exec('') === db),
			e(() => db.exec('  ;; -- only a comment') === db),
			e(() => db.prepare("select json_extract('{', '$')").get()),
			e(() => db.prepare('select abs(-9223372036854775808)').get()),
			e(() => { db.close(); return db.prepare('select 1'); }),
			e(() => db.exec('select 1')),
		];
	});
	same((D) => {
		const db = new D(':memory:');
		const s = db.prepare('select 1 as x');
		db.close();
		return [outcome(() => s.get()), outcome(() => s.run()), outcome(() => s.all()), db.close() === db];
	});
	same((D) => {
		const e = new D.SqliteError('msg', 'SQLITE_X');
		return [e instanceof Error, e.name, e.message, e.code, Object.keys(e), String(e),
			outcome(() => new D.SqliteError('m', 1)), D.SqliteError('a', 'B') instanceof D.SqliteError];
	});
	same((D, dir) => outcome(() => new D(path.join(dir, 'no', 'such', 'dir.db'))));
	same((D, dir) => outcome(() => new D(path.join(dir, 'missing.db'), { fileMustExist: true })));
	same((D) => [
		outcome(() => new D(':memory:', { readonly: true })),
		outcome(() => new D(':memory:', { readOnly: true })),
		outcome(() => new D(':memory:', { timeout: -1 })),
		outcome(() => new D(':memory:', { timeout: 1.5 })),
		outcome(() => new D(5)),
	]);
});

test('Unicode lower() and upper()', () => {
	same((D) => {
		const db = new D(':memory:');
		const s = db.prepare('select lower(?) as l, upper(?) as u');
		return ['ÄÖÜ', 'straße', 'ǅ Σίσυφος', 'İstanbul', 'ﬃ', 'ASCII Only', '', null, 42, '😀a'].map(
			(v) => s.get(v, v));
	});
});

test('scanStatusV2 over a join', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec(`create table a(id integer primary key, k int);
			create table b(id integer primary key, a_id int);
			create index b_a on b(a_id);
			insert into a ${series(200)} select value, value % 7 from series;
			insert into b ${series(500)} select value, value % 50 from series;`);
		const s = db.prepare('select a.id, count(*) from a join b on b.a_id = a.id where a.k = ? group by a.id order by 2 desc');
		s.all(3);
		const entries = [];
		for (let i = 0; ; i++) {
			const explain = s.scanStatusV2(i, D.SQLITE_SCANSTAT_EXPLAIN, D.SQLITE_SCANSTAT_COMPLEX);
			if (explain === undefined) break;
			entries.push({
				explain,
				name: s.scanStatusV2(i, D.SQLITE_SCANSTAT_NAME, D.SQLITE_SCANSTAT_COMPLEX),
				selectId: s.scanStatusV2(i, D.SQLITE_SCANSTAT_SELECTID, 1),
				parentId: s.scanStatusV2(i, D.SQLITE_SCANSTAT_PARENTID, 1),
				nloop: s.scanStatusV2(i, D.SQLITE_SCANSTAT_NLOOP, 1),
				nvisit: s.scanStatusV2(i, D.SQLITE_SCANSTAT_NVISIT, 1),
				est: typeof s.scanStatusV2(i, D.SQLITE_SCANSTAT_EST, 1),
				ncycleType: typeof s.scanStatusV2(i, D.SQLITE_SCANSTAT_NCYCLE, 1),
			});
		}
		const plain = [];
		for (let i = 0; ; i++) {
			const v = s.scanStatusV2(i, D.SQLITE_SCANSTAT_NVISIT, 0);
			if (v === undefined) break;
			plain.push(v);
		}
		s.safeIntegers(true);
		const big = s.scanStatusV2(0, D.SQLITE_SCANSTAT_NLOOP, 1);
		s.scanStatusReset();
		const afterReset = s.scanStatusV2(0, D.SQLITE_SCANSTAT_NVISIT, 1);
		return {
			entries, plain, big, afterReset,
			bad: outcome(() => s.scanStatusV2(0, 99, 1)),
			badArg: outcome(() => s.scanStatusV2('0', 1, 1)),
			past: s.scanStatusV2(1000, D.SQLITE_SCANSTAT_NAME, 1),
		};
	}).value.entries.length > 0 || assert.fail('expected scan status entries');
});

test('serialize() and deserialize via Buffer', () => {
	same((D) => {
		const db = new D(':memory:');
		db.exec(`create table t(x); insert into t ${series(200)} select randomblob(100) from series`);
		const buf = db.serialize();
		const copy = new D(buf);
		return {
			len: buf.length,
			header: buf.subarray(0, 16).toString('latin1'),
			rows: copy.prepare('select count(*) as n, sum(length(x)) as l from t').get(),
			empty: new D(':memory:').serialize().length,
			missing: outcome(() => db.serialize({ attached: 'nope' })),
			badOpt: outcome(() => db.serialize({ attached: '' })),
		};
	});
});

test('backup() writes an openable copy', async () => {
	await sameAsync(async (D, dir) => {
		const src = path.join(dir, 'src.db');
		const db = new D(src);
		db.exec(`create table t(id integer primary key, v text); insert into t(v) ${series(3000)} select 'row' || value from series`);
		const dest = path.join(dir, 'backup.db');
		const progress = await db.backup(dest);
		db.close();
		const copy = new D(dest, { readonly: true });
		const rows = copy.prepare('select count(*) as n, max(v) as m from t').get();
		copy.close();
		let badDir;
		try { await new D(':memory:').backup(path.join(dir, 'nope', 'x.db')); } catch (e) { badDir = describeError(e); }
		return { remaining: progress.remainingPages, totalPositive: progress.totalPages > 0, rows, badDir };
	});
});

test('readonly connections reject writes', () => {
	same((D, dir) => {
		const file = path.join(dir, 'ro.db');
		const w = new D(file);
		w.exec('create table t(x); insert into t values (1)');
		w.close();
		const ro = new D(file, { readonly: true });
		return [
			ro.readonly,
			ro.prepare('select x from t').all(),
			outcome(() => ro.prepare('insert into t values (2)').run()),
			outcome(() => ro.exec('create table u(y)')),
		];
	});
});

test('file databases: relative paths, wal2 and BEGIN CONCURRENT', () => {
	same((D, dir) => {
		const cwd = process.cwd();
		process.chdir(dir);
		let rel;
		try {
			rel = new D('relative.db');
			rel.exec('create table r(x); insert into r values (1)');
		} finally {
			process.chdir(cwd);
		}
		const relName = rel.name;
		rel.close();
		const existsRel = fs.existsSync(path.join(dir, 'relative.db'));

		const file = path.join(dir, 'conc.db');
		const a = new D(file);
		const mode = a.pragma('journal_mode = wal2');
		a.exec('create table t(id integer primary key, who text); create table t2(id integer primary key, who text)');
		const b = new D(file);
		a.exec('BEGIN CONCURRENT');
		b.exec('BEGIN CONCURRENT');
		// Different tables, so different pages: no conflict.
		a.prepare("insert into t(id, who) values (1, 'a')").run();
		b.prepare("insert into t2(id, who) values (2, 'b')").run();
		const inTx = [a.inTransaction, b.inTransaction];
		a.exec('COMMIT');
		b.exec('COMMIT');
		// Conflicting concurrent transactions: the second commit fails.
		a.exec('BEGIN CONCURRENT');
		b.exec('BEGIN CONCURRENT');
		a.prepare("update t set who = 'a2' where id = 1").run();
		b.prepare("update t set who = 'b2' where id = 1").run();
		a.exec('COMMIT');
		const conflict = outcome(() => b.exec('COMMIT'));
		if (b.inTransaction) b.exec('ROLLBACK');
		const rows = a.prepare("select 't' as tab, * from t union all select 't2', * from t2 order by 1, 2").all();
		const mode2 = b.pragma('journal_mode', { simple: true });
		a.close();
		b.close();
		return { relName, existsRel, mode, inTx, conflict, rows, mode2 };
	});
});

test('register.cjs redirects @rocicorp/zero-sqlite3 for import and require', () => {
	const cwd = freshDir('register');
	assert.ok(!fs.existsSync(path.join(cwd, 'node_modules')));
	const register = path.join(NODE_DIR, 'register.cjs');
	const run = (code) => spawnSync(process.execPath, ['--require', register, '-e', code], {
		cwd, encoding: 'utf8', env: { ...process.env },
	});
	const esm = run(`import('@rocicorp/zero-sqlite3').then((m) => {
		const db = new m.default(':memory:');
		console.log(JSON.stringify({ marker: m.default.orezWasm, named: typeof m.SqliteError,
			same: m.SqliteError === m.default.SqliteError, v: db.prepare('select 40 + 2 as v').get().v }));
	})`);
	assert.equal(esm.status, 0, esm.stderr);
	assert.deepEqual(JSON.parse(esm.stdout), { marker: true, named: 'function', same: true, v: 42 });
	assert.equal(esm.stderr, '', 'no warnings expected (WASI ExperimentalWarning must be suppressed)');

	const cjs = run(`const D = require('@rocicorp/zero-sqlite3');
		const { SqliteError } = require('@rocicorp/zero-sqlite3');
		console.log(JSON.stringify({ marker: D.orezWasm, named: SqliteError === D.SqliteError,
			sub: require('@rocicorp/zero-sqlite3/lib/index.js') === D }));`);
	assert.equal(cjs.status, 0, cjs.stderr);
	assert.deepEqual(JSON.parse(cjs.stdout), { marker: true, named: true, sub: true });

	// Without the preload the package is not resolvable from that directory.
	const without = spawnSync(process.execPath, ['-e', "require('@rocicorp/zero-sqlite3')"], { cwd, encoding: 'utf8' });
	assert.notEqual(without.status, 0);
	assert.match(without.stderr, /Cannot find module/);

	// Other warnings still get through.
	const warn = run("process.emitWarning('keep me'); require('@rocicorp/zero-sqlite3')");
	assert.equal(warn.status, 0, warn.stderr);
	assert.match(warn.stderr, /keep me/);
});
