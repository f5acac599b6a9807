'use strict';
// orez's implementation of the better-sqlite3 / @rocicorp/zero-sqlite3
// public API on top of SQLite compiled to WebAssembly (see wasm-sqlite.cjs).
// Behaviour (argument checks, error classes and messages, value conversions)
// follows the native addon so that zero-cache cannot tell the difference.

const fs = require('fs');
const path = require('path');
const wasm = require('./wasm-sqlite.cjs');

const { sqlite } = wasm;

// ---------------------------------------------------------------------------
// SQLite constants

const SQLITE_OK = 0;
const SQLITE_NOMEM = 7;
const SQLITE_BUSY = 5;
const SQLITE_TOOBIG = 18;
const SQLITE_RANGE = 25;
const SQLITE_ROW = 100;
const SQLITE_DONE = 101;

const SQLITE_INTEGER = 1;
const SQLITE_FLOAT = 2;
const SQLITE_TEXT = 3;
const SQLITE_BLOB = 4;

const SQLITE_OPEN_READONLY = 0x01;
const SQLITE_OPEN_READWRITE = 0x02;
const SQLITE_OPEN_CREATE = 0x04;
const SQLITE_OPEN_URI = 0x40;

const SQLITE_PREPARE_PERSISTENT = 0x01;

const SQLITE_LIMIT_LENGTH = 0;
const SQLITE_LIMIT_SQL_LENGTH = 1;

const SQLITE_DESERIALIZE_FREEONCLOSE = 1;
const SQLITE_DESERIALIZE_RESIZEABLE = 2;
const SQLITE_DESERIALIZE_READONLY = 4;

const SQLITE_TRANSIENT = -1;

const SCANSTAT = {
	NLOOP: 0,
	NVISIT: 1,
	EST: 2,
	NAME: 3,
	EXPLAIN: 4,
	SELECTID: 5,
	PARENTID: 6,
	NCYCLE: 7,
	COMPLEX: 1, // flag for sqlite3_stmt_scanstatus_v2
};

// The largest string V8 can build (String::kMaxLength on 64-bit hosts); the
// native addon caps SQLite's length limits at the same value.
const MAX_STRING_LENGTH = (1 << 29) - 24;

// Names of SQLite's primary and extended result codes, as documented at
// https://sqlite.org/rescode.html. Codes that the native addon does not name
// (newer than its table) are deliberately left out so that both report
// them as UNKNOWN_SQLITE_ERROR_<n>.
const CODE_NAMES = new Map();
{
	const primary = [
		[0, 'OK'], [1, 'ERROR'], [2, 'INTERNAL'], [3, 'PERM'], [4, 'ABORT'],
		[5, 'BUSY'], [6, 'LOCKED'], [7, 'NOMEM'], [8, 'READONLY'], [9, 'INTERRUPT'],
		[10, 'IOERR'], [11, 'CORRUPT'], [12, 'NOTFOUND'], [13, 'FULL'], [14, 'CANTOPEN'],
		[15, 'PROTOCOL'], [16, 'EMPTY'], [17, 'SCHEMA'], [18, 'TOOBIG'], [19, 'CONSTRAINT'],
		[20, 'MISMATCH'], [21, 'MISUSE'], [22, 'NOLFS'], [23, 'AUTH'], [24, 'FORMAT'],
		[25, 'RANGE'], [26, 'NOTADB'], [27, 'NOTICE'], [28, 'WARNING'],
		[100, 'ROW'], [101, 'DONE'],
	];
	for (const [code, name] of primary) CODE_NAMES.set(code, 'SQLITE_' + name);
	const extended = {
		OK: ['LOAD_PERMANENTLY', 'SYMLINK'],
		ERROR: ['MISSING_COLLSEQ', 'RETRY', 'SNAPSHOT'],
		ABORT: [null, 'ROLLBACK'],
		BUSY: ['RECOVERY', 'SNAPSHOT'],
		LOCKED: ['SHAREDCACHE', 'VTAB'],
		READONLY: ['RECOVERY', 'CANTLOCK', 'ROLLBACK', 'DBMOVED', 'CANTINIT', 'DIRECTORY'],
		IOERR: [
			'READ', 'SHORT_READ', 'WRITE', 'FSYNC', 'DIR_FSYNC', 'TRUNCATE', 'FSTAT',
			'UNLOCK', 'RDLOCK', 'DELETE', 'BLOCKED', 'NOMEM', 'ACCESS', 'CHECKRESERVEDLOCK',
			'LOCK', 'CLOSE', 'DIR_CLOSE', 'SHMOPEN', 'SHMSIZE', 'SHMLOCK', 'SHMMAP', 'SEEK',
			'DELETE_NOENT', 'MMAP', 'GETTEMPPATH', 'CONVPATH', 'VNODE', 'AUTH',
			'BEGIN_ATOMIC', 'COMMIT_ATOMIC', 'ROLLBACK_ATOMIC', 'DATA', 'CORRUPTFS', 'IN_PAGE',
		],
		CORRUPT: ['VTAB', 'SEQUENCE', 'INDEX'],
		CANTOPEN: ['NOTEMPDIR', 'ISDIR', 'FULLPATH', 'CONVPATH', 'DIRTYWAL', 'SYMLINK'],
		CONSTRAINT: [
			'CHECK', 'COMMITHOOK', 'FOREIGNKEY', 'FUNCTION', 'NOTNULL', 'PRIMARYKEY',
			'TRIGGER', 'UNIQUE', 'VTAB', 'ROWID', 'PINNED', 'DATATYPE',
		],
		AUTH: ['USER'],
		NOTICE: ['RECOVER_WAL', 'RECOVER_ROLLBACK', 'RBU'],
		WARNING: ['AUTOINDEX'],
	};
	const primaryByName = new Map(primary.map(([code, name]) => [name, code]));
	for (const base of Object.keys(extended)) {
		const baseCode = primaryByName.get(base);
		extended[base].forEach((suffix, i) => {
			if (suffix) CODE_NAMES.set(baseCode | ((i + 1) << 8), `SQLITE_${base}_${suffix}`);
		});
	}
}

function codeName(code) {
	return CODE_NAMES.get(code) || `UNKNOWN_SQLITE_ERROR_${code}`;
}

// ---------------------------------------------------------------------------
// SqliteError

const nameDescriptor = { value: 'SqliteError', writable: true, enumerable: false, configurable: true };

function SqliteError(message, code) {
	if (new.target !== SqliteError) return new SqliteError(message, code);
	if (typeof code !== 'string') throw new TypeError('Expected second argument to be a string');
	Error.call(this, message);
	Object.defineProperty(this, 'message', {
		value: String(message), writable: true, enumerable: false, configurable: true,
	});
	Error.captureStackTrace(this, SqliteError);
	this.code = code;
}
Object.setPrototypeOf(SqliteError, Error);
Object.setPrototypeOf(SqliteError.prototype, Error.prototype);
Object.defineProperty(SqliteError.prototype, 'name', nameDescriptor);

function dbError(dbPtr) {
	return new SqliteError(
		wasm.readCString(sqlite.sqlite3_errmsg(dbPtr)),
		codeName(sqlite.sqlite3_extended_errcode(dbPtr)),
	);
}

function codeError(code) {
	return new SqliteError(wasm.readCString(sqlite.sqlite3_errstr(code)), codeName(code));
}

// ---------------------------------------------------------------------------
// Shared scratch memory

// Out-parameters (8-byte aligned slots).
const OUT = wasm.malloc(64);
const OUT_STMT = OUT; // sqlite3_stmt** / sqlite3** / any pointer out
const OUT_TAIL = OUT + 8; // const char** pzTail
const OUT_VALUE = OUT + 16; // scanstatus output (up to 8 bytes)
const OUT_SIZE = OUT + 24; // sqlite3_int64 size out

// Reusable buffer for text/blob parameters; SQLite copies them
// (SQLITE_TRANSIENT) so one buffer serves every bind.
let scratchCap = 4096;
let scratchPtr = wasm.malloc(scratchCap);

function scratch(n) {
	if (n > scratchCap) {
		let cap = scratchCap;
		while (cap < n) cap *= 2;
		wasm.free(scratchPtr);
		scratchPtr = 0;
		scratchPtr = wasm.malloc(cap);
		scratchCap = cap;
	}
	return scratchPtr;
}

// ---------------------------------------------------------------------------
// Helpers

const IS_INT32 = (v) => typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);

function getBooleanOption(options, key) {
	let value = false;
	if (key in options && typeof (value = options[key]) !== 'boolean') {
		throw new TypeError(`Expected the "${key}" option to be a boolean`);
	}
	return value;
}

function requireBooleanArg(args, ordinal) {
	if (typeof args[0] !== 'boolean') throw new TypeError(`Expected ${ordinal} argument to be a boolean`);
	return args[0];
}

function isSkipped(c) {
	return c === 0x20 || c === 0x3b /* ; */ || (c >= 0x09 && c <= 0x0d);
}

// True when only whitespace, semicolons and comments remain in [p, end).
function onlyTrivia(heap, p, end) {
	while (p < end) {
		const c = heap[p];
		if (c === 0) return true;
		if (isSkipped(c)) {
			p++;
		} else if (c === 0x2f /* / */ && heap[p + 1] === 0x2a /* * */) {
			p += 2;
			while (p < end && !(heap[p] === 0x2a && heap[p + 1] === 0x2f)) p++;
			p = Math.min(end, p + 2);
		} else if (c === 0x2d /* - */ && heap[p + 1] === 0x2d) {
			p += 2;
			while (p < end && heap[p] !== 0x0a) p++;
			p++;
		} else {
			return false;
		}
	}
	return true;
}

function isPlainObject(obj) {
	const proto = Object.getPrototypeOf(obj);
	if (proto === null || proto === Object.prototype) return true;
	// Plain objects from another realm (vm contexts).
	return Object.getPrototypeOf(proto) === null
		&& typeof proto.constructor === 'function' && proto.constructor.name === 'Object';
}

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

// Binds one JS value; throws like the native addon on failure.
function bindValue(stmt, index, value) {
	let rc;
	switch (typeof value) {
		case 'number':
			rc = sqlite.sqlite3_bind_double(stmt, index, value);
			break;
		case 'bigint':
			if (value < MIN_INT64 || value > MAX_INT64) {
				throw new RangeError('The bound string, buffer, or bigint is too big');
			}
			rc = sqlite.sqlite3_bind_int64(stmt, index, value);
			break;
		case 'string': {
			const n = value.length;
			const max = n <= 4096 || !value.isWellFormed() ? n * 3 : Buffer.byteLength(value, 'utf8');
			const p = scratch(max + 1);
			const written = wasm.encodeInto(value, wasm.u8().subarray(p, p + max));
			rc = sqlite.sqlite3_bind_text(stmt, index, p, written, SQLITE_TRANSIENT);
			break;
		}
		case 'undefined':
			rc = sqlite.sqlite3_bind_null(stmt, index);
			break;
		case 'object':
			if (value === null) {
				rc = sqlite.sqlite3_bind_null(stmt, index);
				break;
			}
			if (ArrayBuffer.isView(value)) {
				const n = value.byteLength;
				const p = scratch(n);
				if (n) wasm.u8().set(new Uint8Array(value.buffer, value.byteOffset, n), p);
				rc = sqlite.sqlite3_bind_blob(stmt, index, p, n, SQLITE_TRANSIENT);
				break;
			}
		// falls through
		default:
			throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
	}
	if (rc !== SQLITE_OK) {
		switch (rc) {
			case SQLITE_TOOBIG: throw new RangeError('The bound string, buffer, or bigint is too big');
			case SQLITE_RANGE: throw new RangeError('Too many parameter values were provided');
			case SQLITE_NOMEM: throw new Error('Out of memory');
			default: throw new Error('An unexpected error occured while trying to bind parameters');
		}
	}
}

// Reads column i of the current row.
function columnValue(stmt, i, safeInts) {
	switch (sqlite.sqlite3_column_type(stmt, i)) {
		case SQLITE_INTEGER:
			if (safeInts) return sqlite.sqlite3_column_int64(stmt, i);
			return sqlite.sqlite3_column_double(stmt, i);
		case SQLITE_FLOAT:
			return sqlite.sqlite3_column_double(stmt, i);
		case SQLITE_TEXT: {
			const p = sqlite.sqlite3_column_text(stmt, i);
			const n = sqlite.sqlite3_column_bytes(stmt, i);
			return wasm.decodeUtf8(p, n);
		}
		case SQLITE_BLOB: {
			const p = sqlite.sqlite3_column_blob(stmt, i);
			const n = sqlite.sqlite3_column_bytes(stmt, i);
			return wasm.copyOut(p, n);
		}
		default:
			return null;
	}
}

const FLAT = 0;
const PLUCK = 1;
const EXPAND = 2;
const RAW = 3;

// Column layout of the statement's current execution (read after the first
// step, because a schema change makes SQLite re-prepare during that step).
function readLayout(stmt, mode) {
	const n = sqlite.sqlite3_column_count(stmt);
	const names = new Array(n);
	let protoName = false;
	for (let i = 0; i < n; i++) {
		const name = wasm.readCString(sqlite.sqlite3_column_name(stmt, i));
		names[i] = name;
		if (name === '__proto__') protoName = true;
	}
	let tables = null;
	if (mode === EXPAND) {
		tables = new Array(n);
		for (let i = 0; i < n; i++) {
			const t = sqlite.sqlite3_column_table_name(stmt, i);
			tables[i] = t ? wasm.readCString(t) : '$';
			if (tables[i] === '__proto__') protoName = true;
		}
	}
	return { n, names, tables, protoName };
}

function setKey(obj, key, value, careful) {
	if (careful && key === '__proto__') {
		Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
	} else {
		obj[key] = value;
	}
}

function readRow(stmt, layout, mode, safeInts) {
	const n = layout.n;
	switch (mode) {
		case FLAT: {
			const names = layout.names;
			const row = {};
			if (layout.protoName) {
				for (let i = 0; i < n; i++) setKey(row, names[i], columnValue(stmt, i, safeInts), true);
			} else {
				for (let i = 0; i < n; i++) row[names[i]] = columnValue(stmt, i, safeInts);
			}
			return row;
		}
		case PLUCK:
			return columnValue(stmt, 0, safeInts);
		case RAW: {
			const row = new Array(n);
			for (let i = 0; i < n; i++) row[i] = columnValue(stmt, i, safeInts);
			return row;
		}
		default: {
			const row = {};
			for (let i = 0; i < n; i++) {
				const table = layout.tables[i];
				let nested = Object.prototype.hasOwnProperty.call(row, table) ? row[table] : undefined;
				if (nested === undefined) {
					nested = {};
					setKey(row, table, nested, layout.protoName);
				}
				setKey(nested, layout.names[i], columnValue(stmt, i, safeInts), layout.protoName);
			}
			return row;
		}
	}
}

// ---------------------------------------------------------------------------
// Handle lifetime

// Per-connection state. It never references JS Database/Statement objects so
// that garbage collection of those can finalize the wasm handles.
class DbState {
	constructor(ptr) {
		this.ptr = ptr;
		this.open = true;
		this.iterators = 0;
		this.unsafe = false;
		this.safeInts = false;
		this.logger = null;
		this.stmts = new Set(); // of StmtHandle
		this.backups = new Set(); // of BackupHandle
	}

	close() {
		if (!this.open) return;
		this.open = false;
		for (const h of this.stmts) h.finalize();
		this.stmts.clear();
		for (const b of this.backups) b.close();
		this.backups.clear();
		sqlite.sqlite3_close_v2(this.ptr);
		this.ptr = 0;
	}
}

class StmtHandle {
	constructor(state, ptr) {
		this.state = state;
		this.ptr = ptr;
		this.alive = true;
		state.stmts.add(this);
	}

	finalize() {
		if (this.alive) {
			this.alive = false;
			sqlite.sqlite3_finalize(this.ptr);
			this.ptr = 0;
		}
	}
}

const stmtRegistry = new FinalizationRegistry((handle) => {
	if (handle.alive && handle.state.open) {
		handle.state.stmts.delete(handle);
		handle.finalize();
	}
});

const dbRegistry = new FinalizationRegistry((state) => state.close());

// ---------------------------------------------------------------------------
// Statement

const PRIVILEGED = Symbol('orez.privileged');

function requireOpen(state) {
	if (!state.open) throw new TypeError('The database connection is not open');
}

function requireNoIteratorsUnlessUnsafe(state) {
	if (!state.unsafe && state.iterators) {
		throw new TypeError('This database connection is busy executing a query');
	}
}

function log(state, stmt) {
	const logger = state.logger;
	if (!logger) return;
	let text;
	const expanded = sqlite.sqlite3_expanded_sql(stmt);
	if (expanded) {
		text = wasm.readCString(expanded);
		sqlite.sqlite3_free(expanded);
	} else {
		text = wasm.readCString(sqlite.sqlite3_sql(stmt));
	}
	logger.call(undefined, text);
}

class Statement {
	#state;
	#handle;
	#ptr;
	#returnsData;
	#bound = false;
	#locked = false;
	#safeInts;
	#mode = FLAT;
	#paramCount;
	#anonIndexes = null;
	#namedParams = null;

	constructor(token, database, state, source, pragmaMode) {
		if (token !== PRIVILEGED) {
			throw new TypeError('Statements can only be constructed by the db.prepare() method');
		}
		requireOpen(state);
		if (pragmaMode) requireNoIteratorsUnlessUnsafe(state);

		const sql = wasm.allocCString(source);
		let ptr;
		try {
			wasm.writeI32(OUT_STMT, 0);
			wasm.writeI32(OUT_TAIL, 0);
			const rc = sqlite.sqlite3_prepare_v3(
				state.ptr, sql.ptr, sql.length + 1,
				pragmaMode ? 0 : SQLITE_PREPARE_PERSISTENT, OUT_STMT, OUT_TAIL,
			);
			if (rc !== SQLITE_OK) throw dbError(state.ptr);
			ptr = wasm.readI32(OUT_STMT);
			if (!ptr) throw new RangeError('The supplied SQL string contains no statements');
			const tail = wasm.readI32(OUT_TAIL);
			if (tail && !onlyTrivia(wasm.u8(), tail, sql.ptr + sql.length)) {
				sqlite.sqlite3_finalize(ptr);
				throw new RangeError('The supplied SQL string contains more than one statement');
			}
		} finally {
			wasm.free(sql.ptr);
		}

		this.#state = state;
		this.#ptr = ptr;
		this.#handle = new StmtHandle(state, ptr);
		this.#returnsData = pragmaMode || sqlite.sqlite3_column_count(ptr) >= 1;
		this.#safeInts = state.safeInts;
		this.#paramCount = sqlite.sqlite3_bind_parameter_count(ptr);
		stmtRegistry.register(this, this.#handle, this.#handle);

		const frozen = (value) => ({ value, enumerable: true, writable: false, configurable: false });
		Object.defineProperties(this, {
			busy: { get: () => this.#handle.alive && this.#locked, enumerable: true },
			reader: frozen(this.#returnsData),
			readonly: frozen(sqlite.sqlite3_stmt_readonly(ptr) !== 0),
			source: frozen(source),
			database: frozen(database),
		});
	}

	// --- parameter binding -------------------------------------------------

	#analyzeParams() {
		const anon = [];
		const named = [];
		for (let i = 1; i <= this.#paramCount; i++) {
			const p = sqlite.sqlite3_bind_parameter_name(this.#ptr, i);
			if (p) named.push([wasm.readCString(p + 1), i]);
			else anon.push(i);
		}
		this.#anonIndexes = anon;
		this.#namedParams = named;
	}

	#bindArgs(args) {
		const stmt = this.#ptr;
		try {
			if (this.#anonIndexes === null) this.#analyzeParams();
			const anon = this.#anonIndexes;
			const named = this.#namedParams;
			let anonUsed = 0;
			let count = 0;
			let boundObject = false;
			const nextAnon = () => {
				if (anonUsed < anon.length) return anon[anonUsed++];
				throw new RangeError('Too many parameter values were provided');
			};
			for (let a = 0; a < args.length; a++) {
				const arg = args[a];
				if (Array.isArray(arg)) {
					const len = arg.length;
					for (let i = 0; i < len; i++) {
						bindValue(stmt, nextAnon(), arg[i]);
						count++;
					}
					continue;
				}
				if (arg !== null && typeof arg === 'object' && !ArrayBuffer.isView(arg)) {
					if (isPlainObject(arg)) {
						if (boundObject) {
							throw new TypeError('You cannot specify named parameters in two different objects');
						}
						boundObject = true;
						for (const [name, index] of named) {
							if (!Object.prototype.hasOwnProperty.call(arg, name)) {
								throw new RangeError(`Missing named parameter "${name}"`);
							}
							bindValue(stmt, index, arg[name]);
							count++;
						}
						continue;
					} else if (named.length) {
						throw new TypeError('Named parameters can only be passed within plain objects');
					}
				}
				bindValue(stmt, nextAnon(), arg);
				count++;
			}
			const expected = this.#paramCount;
			if (count !== expected) {
				if (count < expected) {
					if (!boundObject && named.length) throw new TypeError('Missing named parameters');
					throw new RangeError('Too few parameter values were provided');
				}
				throw new RangeError('Too many parameter values were provided');
			}
		} catch (err) {
			sqlite.sqlite3_clear_bindings(stmt);
			throw err;
		}
	}

	// Common prologue of run/get/all/iterate.
	#start(args, requireData, mutates) {
		if (requireData && !this.#returnsData) {
			throw new TypeError('This statement does not return data. Use run() instead');
		}
		const state = this.#state;
		requireOpen(state);
		if (this.#locked) throw new TypeError('This statement is busy executing a query');
		if (mutates) requireNoIteratorsUnlessUnsafe(state);
		if (!this.#bound) {
			this.#bindArgs(args);
		} else if (args.length > 0) {
			throw new TypeError('This statement already has bound parameters');
		}
		if (state.logger) {
			try {
				log(state, this.#ptr);
			} catch (err) {
				if (!this.#bound) sqlite.sqlite3_clear_bindings(this.#ptr);
				throw err;
			}
		}
	}

	#finish() {
		if (!this.#bound) sqlite.sqlite3_clear_bindings(this.#ptr);
	}

	#fail() {
		const err = dbError(this.#state.ptr);
		this.#finish();
		return err;
	}

	// --- execution ---------------------------------------------------------

	run(...args) {
		this.#start(args, false, true);
		const stmt = this.#ptr;
		const db = this.#state.ptr;
		const before = sqlite.sqlite3_total_changes64(db);
		sqlite.sqlite3_step(stmt);
		if (sqlite.sqlite3_reset(stmt) !== SQLITE_OK) throw this.#fail();
		const changes = sqlite.sqlite3_total_changes64(db) === before
			? 0 : Number(BigInt.asIntN(32, sqlite.sqlite3_changes64(db)));
		const id = sqlite.sqlite3_last_insert_rowid(db);
		this.#finish();
		return { changes, lastInsertRowid: this.#safeInts ? id : Number(id) };
	}

	get(...args) {
		this.#start(args, true, false);
		const stmt = this.#ptr;
		const status = sqlite.sqlite3_step(stmt);
		if (status === SQLITE_ROW) {
			let row;
			try {
				row = readRow(stmt, readLayout(stmt, this.#mode), this.#mode, this.#safeInts);
			} finally {
				sqlite.sqlite3_reset(stmt);
				this.#finish();
			}
			return row;
		}
		if (status === SQLITE_DONE) {
			sqlite.sqlite3_reset(stmt);
			this.#finish();
			return undefined;
		}
		sqlite.sqlite3_reset(stmt);
		throw this.#fail();
	}

	all(...args) {
		this.#start(args, true, false);
		return this.#collect(true);
	}

	#collect(finish) {
		const stmt = this.#ptr;
		const mode = this.#mode;
		const safeInts = this.#safeInts;
		const rows = [];
		let layout = null;
		try {
			while (sqlite.sqlite3_step(stmt) === SQLITE_ROW) {
				if (layout === null) layout = readLayout(stmt, mode);
				rows.push(readRow(stmt, layout, mode, safeInts));
			}
		} catch (err) {
			sqlite.sqlite3_reset(stmt);
			if (finish) this.#finish();
			throw err;
		}
		if (sqlite.sqlite3_reset(stmt) !== SQLITE_OK) {
			const err = dbError(this.#state.ptr);
			if (finish) this.#finish();
			throw err;
		}
		if (finish) this.#finish();
		return rows;
	}

	iterate(...args) {
		this.#start(args, true, false);
		if (this.#state.iterators >= 0xffff) {
			this.#finish();
			throw new RangeError('Too many active database iterators');
		}
		this.#locked = true;
		this.#state.iterators++;
		const self = this;
		const stmt = this.#ptr;
		const state = this.#state;
		const mode = this.#mode;
		const safeInts = this.#safeInts;
		return new StatementIterator(PRIVILEGED, this, {
			alive: true,
			layout: null,
			step() {
				const status = sqlite.sqlite3_step(stmt);
				if (status === SQLITE_ROW) {
					if (this.layout === null) this.layout = readLayout(stmt, mode);
					try {
						return { value: readRow(stmt, this.layout, mode, safeInts), done: false };
					} catch (err) {
						this.cleanup();
						self.#finish();
						throw err;
					}
				}
				if (status === SQLITE_DONE) return this.finish();
				this.cleanup();
				throw self.#fail();
			},
			cleanup() {
				this.alive = false;
				self.#locked = false;
				state.iterators--;
				sqlite.sqlite3_reset(stmt);
			},
			finish() {
				this.cleanup();
				self.#finish();
				return { value: undefined, done: true };
			},
		});
	}

	explainQueryPlan(...args) {
		if (!this.#returnsData) throw new TypeError('This statement does not return data. Use run() instead');
		const state = this.#state;
		requireOpen(state);
		if (this.#locked) throw new TypeError('This statement is busy executing a query');
		let didBind = false;
		if (!this.#bound && args.length > 0) {
			this.#bindArgs(args);
			didBind = true;
		} else if (this.#bound && args.length > 0) {
			throw new TypeError('This statement already has bound parameters');
		}
		try {
			log(state, this.#ptr);
			return this.#collect(false);
		} finally {
			if (didBind) sqlite.sqlite3_clear_bindings(this.#ptr);
		}
	}

	// --- configuration -----------------------------------------------------

	bind(...args) {
		if (this.#bound) throw new TypeError('The bind() method can only be invoked once per statement object');
		requireOpen(this.#state);
		if (this.#locked) throw new TypeError('This statement is busy executing a query');
		this.#bindArgs(args);
		this.#bound = true;
		return this;
	}

	#setMode(method, target, args) {
		if (!this.#returnsData) throw new TypeError(`The ${method}() method is only for statements that return data`);
		if (this.#locked) throw new TypeError('This statement is busy executing a query');
		const use = args.length === 0 ? true : requireBooleanArg(args, 'first');
		this.#mode = use ? target : this.#mode === target ? FLAT : this.#mode;
		return this;
	}

	pluck(...args) { return this.#setMode('pluck', PLUCK, args); }
	expand(...args) { return this.#setMode('expand', EXPAND, args); }
	raw(...args) { return this.#setMode('raw', RAW, args); }

	safeIntegers(...args) {
		if (this.#locked) throw new TypeError('This statement is busy executing a query');
		this.#safeInts = args.length === 0 ? true : requireBooleanArg(args, 'first');
		return this;
	}

	columns() {
		if (!this.#returnsData) throw new TypeError('The columns() method is only for statements that return data');
		requireOpen(this.#state);
		const stmt = this.#ptr;
		const n = sqlite.sqlite3_column_count(stmt);
		const columns = new Array(n);
		for (let i = 0; i < n; i++) {
			columns[i] = {
				name: wasm.readCString(sqlite.sqlite3_column_name(stmt, i)),
				column: wasm.readCString(sqlite.sqlite3_column_origin_name(stmt, i)),
				table: wasm.readCString(sqlite.sqlite3_column_table_name(stmt, i)),
				database: wasm.readCString(sqlite.sqlite3_column_database_name(stmt, i)),
				type: wasm.readCString(sqlite.sqlite3_column_decltype(stmt, i)),
			};
		}
		return columns;
	}

	// --- sqlite3_stmt_scanstatus_v2 ------------------------------------------

	scanStatusV2(idx, op, flags) {
		requireOpen(this.#state);
		if (!IS_INT32(idx)) throw new TypeError('Expected first argument to be a 32-bit signed integer');
		if (!IS_INT32(op)) throw new TypeError('Expected second argument to be a 32-bit signed integer');
		if (!IS_INT32(flags)) throw new TypeError('Expected third argument to be a 32-bit signed integer');
		const stmt = this.#ptr;
		switch (op) {
			case SCANSTAT.NAME:
			case SCANSTAT.EXPLAIN: {
				wasm.writeI32(OUT_VALUE, 0);
				const rc = sqlite.sqlite3_stmt_scanstatus_v2(stmt, idx, op, flags, OUT_VALUE);
				const p = wasm.readI32(OUT_VALUE);
				return rc === SQLITE_OK && p ? wasm.readCString(p) : undefined;
			}
			case SCANSTAT.EST: {
				const rc = sqlite.sqlite3_stmt_scanstatus_v2(stmt, idx, op, flags, OUT_VALUE);
				return rc === SQLITE_OK ? wasm.readF64(OUT_VALUE) : undefined;
			}
			case SCANSTAT.SELECTID:
			case SCANSTAT.PARENTID: {
				const rc = sqlite.sqlite3_stmt_scanstatus_v2(stmt, idx, op, flags, OUT_VALUE);
				return rc === SQLITE_OK ? wasm.readI32(OUT_VALUE) : undefined;
			}
			case SCANSTAT.NLOOP:
			case SCANSTAT.NVISIT:
			case SCANSTAT.NCYCLE: {
				const rc = sqlite.sqlite3_stmt_scanstatus_v2(stmt, idx, op, flags, OUT_VALUE);
				if (rc !== SQLITE_OK) return undefined;
				const v = wasm.readI64(OUT_VALUE);
				return this.#safeInts ? v : Number(v);
			}
			default:
				throw new RangeError('Invalid scanstatus opcode');
		}
	}

	// Same as scanStatusV2 (zero-cache binds scanStatusV2 under this name).
	scanStatus(idx, op, flags) {
		return this.scanStatusV2(idx, op, flags);
	}

	scanStatusReset() {
		requireOpen(this.#state);
		sqlite.sqlite3_stmt_scanstatus_reset(this.#ptr);
		return this;
	}
}

class StatementIterator {
	#stmt;
	#it;

	constructor(token, statement, it) {
		if (token !== PRIVILEGED) throw new TypeError('Disabled constructor');
		this.#stmt = statement;
		this.#it = it;
		Object.defineProperty(this, 'statement', { value: statement, enumerable: true });
	}

	next() {
		const it = this.#it;
		if (!it.alive) return { value: undefined, done: true };
		return it.step();
	}

	return() {
		const it = this.#it;
		if (!it.alive) return { value: undefined, done: true };
		return it.finish();
	}

	[Symbol.iterator]() {
		return this;
	}
}

// ---------------------------------------------------------------------------
// Backup

class BackupHandle {
	constructor(state, dest, backup, filename, unlink) {
		this.state = state;
		this.dest = dest;
		this.backup = backup;
		this.filename = filename;
		this.unlink = unlink;
		this.alive = true;
		state.backups.add(this);
	}

	transfer(pages) {
		requireOpen(this.state);
		const status = sqlite.sqlite3_backup_step(this.backup, pages) & 0xff;
		if (status === SQLITE_OK || status === SQLITE_DONE || status === SQLITE_BUSY) {
			const result = {
				totalPages: sqlite.sqlite3_backup_pagecount(this.backup),
				remainingPages: sqlite.sqlite3_backup_remaining(this.backup),
			};
			if (status === SQLITE_DONE) this.unlink = false;
			return result;
		}
		throw codeError(status);
	}

	close() {
		if (!this.alive) return;
		this.alive = false;
		this.state.backups.delete(this);
		sqlite.sqlite3_backup_finish(this.backup);
		sqlite.sqlite3_close_v2(this.dest);
		if (this.unlink) {
			try { fs.unlinkSync(this.filename); } catch { /* ignore */ }
		}
	}
}

function openBackup(state, attached, filename, unlink) {
	requireOpen(state);
	const name = wasm.allocCString(filename);
	let dest;
	try {
		wasm.writeI32(OUT_STMT, 0);
		const rc = sqlite.sqlite3_open_v2(
			name.ptr, OUT_STMT, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, 0,
		);
		dest = wasm.readI32(OUT_STMT);
		if (rc !== SQLITE_OK) {
			const err = dest ? dbError(dest) : codeError(rc);
			sqlite.sqlite3_close_v2(dest);
			throw err;
		}
	} finally {
		wasm.free(name.ptr);
	}
	sqlite.sqlite3_extended_result_codes(dest, 1);
	sqlite.sqlite3_limit(dest, SQLITE_LIMIT_LENGTH, 0x7fffffff);
	const main = wasm.allocCString('main');
	const src = wasm.allocCString(attached);
	let backup;
	try {
		backup = sqlite.sqlite3_backup_init(dest, main.ptr, state.ptr, src.ptr);
	} finally {
		wasm.free(main.ptr);
		wasm.free(src.ptr);
	}
	if (!backup) {
		const err = dbError(dest);
		sqlite.sqlite3_close_v2(dest);
		throw err;
	}
	return new BackupHandle(state, dest, backup, filename, unlink);
}

function runBackup(backup, handler) {
	let rate = 0;
	let first = true;
	return new Promise((resolve, reject) => {
		setImmediate(function step() {
			try {
				const progress = backup.transfer(rate);
				if (!progress.remainingPages) {
					backup.close();
					resolve(progress);
					return;
				}
				if (first) {
					first = false;
					rate = 100;
				}
				if (handler) {
					const ret = handler(progress);
					if (ret !== undefined) {
						if (typeof ret === 'number' && ret === ret) {
							rate = Math.max(0, Math.min(0x7fffffff, Math.round(ret)));
						} else {
							throw new TypeError('Expected progress callback to return a number or undefined');
						}
					}
				}
				setImmediate(step);
			} catch (err) {
				backup.close();
				reject(err);
			}
		});
	});
}

// ---------------------------------------------------------------------------
// Database

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

	const name = wasm.allocCString(openName);
	let dbPtr;
	try {
		wasm.writeI32(OUT_STMT, 0);
		const rc = sqlite.sqlite3_open_v2(name.ptr, OUT_STMT, flags, 0);
		dbPtr = wasm.readI32(OUT_STMT);
		if (rc !== SQLITE_OK) {
			const err = dbPtr ? dbError(dbPtr) : codeError(rc);
			sqlite.sqlite3_close_v2(dbPtr);
			throw err;
		}
	} finally {
		wasm.free(name.ptr);
	}

	sqlite.sqlite3_extended_result_codes(dbPtr, 1);
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
