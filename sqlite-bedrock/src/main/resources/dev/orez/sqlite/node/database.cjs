'use strict';
// orez's better-sqlite3 / @rocicorp/zero-sqlite3 Database on SQLite compiled to
// WebAssembly (see wasm-sqlite.cjs); like the modules it requires, it behaves as the
// native addon does, so that zero-cache cannot tell the difference.

const fs = require('fs');
const path = require('path');
const wasm = require('./wasm-sqlite.cjs');
const {
	SQLITE_OK, SQLITE_ROW, SQLITE_OPEN_READONLY, SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE, SQLITE_OPEN_URI,
	SQLITE_LIMIT_LENGTH, SQLITE_LIMIT_SQL_LENGTH, SQLITE_DESERIALIZE_FREEONCLOSE, SQLITE_DESERIALIZE_RESIZEABLE,
	SQLITE_DESERIALIZE_READONLY, SCANSTAT, MAX_STRING_LENGTH,
} = require('./constants.cjs');
const { codeName, SqliteError, dbError } = require('./sqlite-error.cjs');
const { getBooleanOption, requireBooleanArg } = require('./args.cjs');
const { isSkipped } = require('./sql-text.cjs');
const { OUT_STMT, OUT_TAIL, OUT_SIZE } = require('./values.cjs');
const { DbState, dbRegistry, openConnection, requireOpen, requireNoIteratorsUnlessUnsafe } = require('./handles.cjs');
const { PRIVILEGED, log, Statement } = require('./statement.cjs');
const { openBackup, runBackup } = require('./backup.cjs');

const { sqlite } = wasm;

const STATE = Symbol('orez.database.state');

function stateOf(db) {
	const state = db && db[STATE];
	if (!state) throw new TypeError('Illegal invocation');
	return state;
}

function Database(filenameGiven, options) {
	if (new.target == null) return new Database(filenameGiven, options);

	let buffer = null;
	if (Buffer.isBuffer(filenameGiven)) {
		buffer = filenameGiven;
		filenameGiven = ':memory:';
	}
	if (filenameGiven == null) filenameGiven = '';
	if (options == null) options = {};

	if (typeof filenameGiven !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
	if ('readOnly' in options) throw new TypeError('Misspelled option "readOnly" should be "readonly"');
	if ('memory' in options) throw new TypeError('Option "memory" was removed in v7.0.0 (use ":memory:" filename instead)');

	const filename = filenameGiven.trim();
	const anonymous = filename === '' || filename === ':memory:';
	const readonly = getBooleanOption(options, 'readonly');
	const fileMustExist = getBooleanOption(options, 'fileMustExist');
	const timeout = 'timeout' in options ? options.timeout : 5000;
	const verbose = 'verbose' in options ? options.verbose : null;

	if (readonly && anonymous && !buffer) throw new TypeError('In-memory/temporary databases cannot be readonly');
	if (!Number.isInteger(timeout) || timeout < 0) throw new TypeError('Expected the "timeout" option to be a positive integer');
	if (timeout > 0x7fffffff) throw new RangeError('Option "timeout" cannot be greater than 2147483647');
	if (verbose != null && typeof verbose !== 'function') throw new TypeError('Expected the "verbose" option to be a function');

	if (!anonymous && !filename.startsWith('file:') && !fs.existsSync(path.dirname(filename))) {
		throw new TypeError('Cannot open database because the directory does not exist');
	}

	// WASI has no working directory: hand SQLite absolute paths.
	const openName = anonymous || filename.startsWith('file:') ? filename : path.resolve(filename);
	const flags = (readonly ? SQLITE_OPEN_READONLY
		: fileMustExist ? SQLITE_OPEN_READWRITE
			: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_URI;

	const dbPtr = openConnection(openName, flags);
	sqlite.sqlite3_busy_timeout(dbPtr, timeout);
	sqlite.sqlite3_limit(dbPtr, SQLITE_LIMIT_LENGTH, MAX_STRING_LENGTH);
	sqlite.sqlite3_limit(dbPtr, SQLITE_LIMIT_SQL_LENGTH, MAX_STRING_LENGTH);
	sqlite.orez_set_defensive(dbPtr, 1);

	if (buffer) {
		try {
			deserialize(dbPtr, buffer, readonly);
		} catch (err) {
			sqlite.sqlite3_close_v2(dbPtr);
			throw err;
		}
	}

	const state = new DbState(dbPtr);
	state.logger = verbose || null;
	dbRegistry.register(this, state, state);

	Object.defineProperty(this, STATE, { value: state });
	Object.defineProperties(this, {
		name: { get: () => filenameGiven, enumerable: true },
		open: { get: () => state.open, enumerable: true },
		inTransaction: {
			get: () => state.open && sqlite.sqlite3_get_autocommit(state.ptr) === 0,
			enumerable: true,
		},
		readonly: { get: () => readonly, enumerable: true },
		memory: { get: () => anonymous, enumerable: true },
	});
}

function deserialize(dbPtr, buffer, readonly) {
	const length = buffer.length;
	const data = sqlite.sqlite3_malloc64(BigInt(length));
	if (length) {
		if (!data) throw new Error('Out of memory');
		wasm.u8().set(buffer, data);
	}
	let flags = SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE;
	if (readonly) flags |= SQLITE_DESERIALIZE_READONLY;
	const main = wasm.allocCString('main');
	let rc;
	try {
		rc = sqlite.sqlite3_deserialize(dbPtr, main.ptr, data, BigInt(length), BigInt(length), flags);
	} finally {
		wasm.free(main.ptr);
	}
	if (rc !== SQLITE_OK) {
		const message = rc === 1 ? 'unable to deserialize database' : wasm.readCString(sqlite.sqlite3_errstr(rc));
		throw new SqliteError(message, codeName(rc));
	}
}

Database.prototype.prepare = function prepare(source) {
	if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
	return new Statement(PRIVILEGED, this, stateOf(this), source, false);
};

Database.prototype.exec = function exec(source) {
	if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
	const state = stateOf(this);
	requireOpen(state);
	requireNoIteratorsUnlessUnsafe(state);
	const db = state.ptr;
	const sql = wasm.allocCString(source);
	const end = sql.ptr + sql.length;
	let status = SQLITE_OK;
	let jsError = null;
	try {
		let p = sql.ptr;
		for (;;) {
			const heap = wasm.u8();
			while (p < end && isSkipped(heap[p])) p++;
			wasm.writeI32(OUT_STMT, 0);
			wasm.writeI32(OUT_TAIL, 0);
			status = sqlite.sqlite3_prepare_v3(db, p, end - p + 1, 0, OUT_STMT, OUT_TAIL);
			const stmt = wasm.readI32(OUT_STMT);
			p = wasm.readI32(OUT_TAIL) || end;
			if (!stmt) break;
			if (state.logger) {
				try {
					log(state, stmt);
				} catch (err) {
					sqlite.sqlite3_finalize(stmt);
					jsError = err;
					break;
				}
			}
			do status = sqlite.sqlite3_step(stmt);
			while (status === SQLITE_ROW);
			status = sqlite.sqlite3_finalize(stmt);
			if (status !== SQLITE_OK) break;
		}
	} finally {
		wasm.free(sql.ptr);
	}
	if (jsError) throw jsError;
	if (status !== SQLITE_OK) throw dbError(db);
	return this;
};

const controllers = new WeakMap();

function getController(db) {
	let controller = controllers.get(db);
	if (!controller) {
		const sp = '`\t_orez_tx.\t`';
		const shared = {
			commit: db.prepare('COMMIT'),
			rollback: db.prepare('ROLLBACK'),
			savepoint: db.prepare(`SAVEPOINT ${sp}`),
			release: db.prepare(`RELEASE ${sp}`),
			rollbackTo: db.prepare(`ROLLBACK TO ${sp}`),
		};
		controller = {
			default: { begin: db.prepare('BEGIN'), ...shared },
			deferred: { begin: db.prepare('BEGIN DEFERRED'), ...shared },
			immediate: { begin: db.prepare('BEGIN IMMEDIATE'), ...shared },
			exclusive: { begin: db.prepare('BEGIN EXCLUSIVE'), ...shared },
		};
		controllers.set(db, controller);
	}
	return controller;
}

function wrapTransaction(fn, db, stmts) {
	return function sqliteTransaction(...args) {
		let before, after, undo;
		if (db.inTransaction) {
			before = stmts.savepoint;
			after = stmts.release;
			undo = stmts.rollbackTo;
		} else {
			before = stmts.begin;
			after = stmts.commit;
			undo = stmts.rollback;
		}
		before.run();
		try {
			const result = fn.apply(this, args);
			if (result && typeof result.then === 'function') {
				throw new TypeError('Transaction function cannot return a promise');
			}
			after.run();
			return result;
		} catch (err) {
			if (db.inTransaction) {
				undo.run();
				if (undo !== stmts.rollback) after.run();
			}
			throw err;
		}
	};
}

Database.prototype.transaction = function transaction(fn) {
	if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
	const controller = getController(this);
	const variants = {
		default: wrapTransaction(fn, this, controller.default),
		deferred: wrapTransaction(fn, this, controller.deferred),
		immediate: wrapTransaction(fn, this, controller.immediate),
		exclusive: wrapTransaction(fn, this, controller.exclusive),
	};
	const properties = {
		default: { value: variants.default },
		deferred: { value: variants.deferred },
		immediate: { value: variants.immediate },
		exclusive: { value: variants.exclusive },
		database: { value: this, enumerable: true },
	};
	for (const key of Object.keys(variants)) Object.defineProperties(variants[key], properties);
	return variants.default;
};

Database.prototype.pragma = function pragma(source, options) {
	if (options == null) options = {};
	if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
	const simple = getBooleanOption(options, 'simple');
	const stmt = new Statement(PRIVILEGED, this, stateOf(this), `PRAGMA ${source}`, true);
	return simple ? stmt.pluck().get() : stmt.all();
};

Database.prototype.backup = async function backup(filename, options) {
	if (options == null) options = {};
	if (typeof filename !== 'string') throw new TypeError('Expected first argument to be a string');
	if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
	filename = filename.trim();
	const attached = 'attached' in options ? options.attached : 'main';
	const handler = 'progress' in options ? options.progress : null;
	if (!filename) throw new TypeError('Backup filename cannot be an empty string');
	if (filename === ':memory:') throw new TypeError('Invalid backup filename ":memory:"');
	if (typeof attached !== 'string') throw new TypeError('Expected the "attached" option to be a string');
	if (!attached) throw new TypeError('The "attached" option cannot be an empty string');
	if (handler != null && typeof handler !== 'function') throw new TypeError('Expected the "progress" option to be a function');

	await fs.promises.access(path.dirname(filename)).catch(() => {
		throw new TypeError('Cannot save backup because the directory does not exist');
	});
	const isNewFile = await fs.promises.access(filename).then(() => false, () => true);
	const target = filename.startsWith('file:') ? filename : path.resolve(filename);
	return runBackup(openBackup(stateOf(this), attached, target, isNewFile), handler || null);
};

Database.prototype.serialize = function serialize(options) {
	if (options == null) options = {};
	if (typeof options !== 'object') throw new TypeError('Expected first argument to be an options object');
	const attached = 'attached' in options ? options.attached : 'main';
	if (typeof attached !== 'string') throw new TypeError('Expected the "attached" option to be a string');
	if (!attached) throw new TypeError('The "attached" option cannot be an empty string');

	const state = stateOf(this);
	requireOpen(state);
	if (state.iterators) throw new TypeError('This database connection is busy executing a query');
	const schema = wasm.allocCString(attached);
	let data;
	try {
		wasm.writeI64(OUT_SIZE, -1n);
		data = sqlite.sqlite3_serialize(state.ptr, schema.ptr, OUT_SIZE, 0);
	} finally {
		wasm.free(schema.ptr);
	}
	const length = Number(wasm.readI64(OUT_SIZE));
	if (!data) {
		if (length) throw new Error('Out of memory');
		return Buffer.alloc(0);
	}
	const out = wasm.copyOut(data, length);
	sqlite.sqlite3_free(data);
	return out;
};

function unsupported(what) {
	return function () {
		throw new Error(`${what} is not supported by orez's WebAssembly SQLite`);
	};
}

Database.prototype.function = unsupported('Database#function() (user-defined SQL functions)');
Database.prototype.aggregate = unsupported('Database#aggregate() (user-defined aggregates)');
Database.prototype.table = unsupported('Database#table() (virtual tables)');

Database.prototype.loadExtension = function loadExtension() {
	throw new Error("SQLite extensions cannot be loaded in orez's WebAssembly build of SQLite");
};

Database.prototype.close = function close() {
	const state = stateOf(this);
	if (state.open) {
		if (state.iterators) throw new TypeError('This database connection is busy executing a query');
		dbRegistry.unregister(state);
		state.close();
	}
	return this;
};

Database.prototype.defaultSafeIntegers = function defaultSafeIntegers(...args) {
	const state = stateOf(this);
	state.safeInts = args.length === 0 ? true : requireBooleanArg(args, 'first');
	return this;
};

Database.prototype.unsafeMode = function unsafeMode(...args) {
	const state = stateOf(this);
	state.unsafe = args.length === 0 ? true : requireBooleanArg(args, 'first');
	if (state.open) sqlite.orez_set_defensive(state.ptr, state.unsafe ? 0 : 1);
	return this;
};

Database.prototype[Symbol.for('nodejs.util.inspect.custom')] = function inspect(depth, opts) {
	if (depth < 0) return '[Database]';
	const summary = { name: this.name, open: this.open, inTransaction: this.inTransaction,
		readonly: this.readonly, memory: this.memory };
	return `Database ${require('util').inspect(summary, opts)}`;
};

Database.SQLITE_SCANSTAT_NLOOP = SCANSTAT.NLOOP;
Database.SQLITE_SCANSTAT_NVISIT = SCANSTAT.NVISIT;
Database.SQLITE_SCANSTAT_EST = SCANSTAT.EST;
Database.SQLITE_SCANSTAT_NAME = SCANSTAT.NAME;
Database.SQLITE_SCANSTAT_EXPLAIN = SCANSTAT.EXPLAIN;
Database.SQLITE_SCANSTAT_SELECTID = SCANSTAT.SELECTID;
Database.SQLITE_SCANSTAT_PARENTID = SCANSTAT.PARENTID;
Database.SQLITE_SCANSTAT_NCYCLE = SCANSTAT.NCYCLE;
Database.SQLITE_SCANSTAT_COMPLEX = SCANSTAT.COMPLEX;
Database.SqliteError = SqliteError;
// Marker: this is orez's WebAssembly implementation, not the native addon.
Database.orezWasm = true;

module.exports = { Database, Statement, SqliteError };
