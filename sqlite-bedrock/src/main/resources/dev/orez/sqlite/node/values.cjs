'use strict';
// Shared scratch memory in the wasm heap, binding JS values as statement
// parameters, and reading result columns and rows back as JS values.

const wasm = require('./wasm-sqlite.cjs');
const {
	SQLITE_OK, SQLITE_NOMEM, SQLITE_TOOBIG, SQLITE_RANGE,
	SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_TRANSIENT,
} = require('./constants.cjs');

const { sqlite } = wasm;

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

module.exports = {
	OUT_STMT,
	OUT_TAIL,
	OUT_VALUE,
	OUT_SIZE,
	scratch,
	bindValue,
	columnValue,
	FLAT,
	PLUCK,
	EXPAND,
	RAW,
	readLayout,
	readRow,
};
