'use strict';
// Connection and statement state and the lifetime of their wasm handles:
// closing, finalizing, FinalizationRegistry cleanup and open/busy checks.

const wasm = require('./wasm-sqlite.cjs');
const { SQLITE_OK } = require('./constants.cjs');
const { dbError, codeError } = require('./sqlite-error.cjs');
const { OUT_STMT } = require('./values.cjs');

const { sqlite } = wasm;

// Opens a connection (sqlite3_open_v2) with extended result codes on. On failure
// it closes whatever SQLite allocated and throws SQLite's error.
function openConnection(filename, flags) {
	const name = wasm.allocCString(filename);
	let db;
	try {
		wasm.writeI32(OUT_STMT, 0);
		const rc = sqlite.sqlite3_open_v2(name.ptr, OUT_STMT, flags, 0);
		db = wasm.readI32(OUT_STMT);
		if (rc !== SQLITE_OK) {
			const err = db ? dbError(db) : codeError(rc);
			sqlite.sqlite3_close_v2(db);
			throw err;
		}
	} finally {
		wasm.free(name.ptr);
	}
	sqlite.sqlite3_extended_result_codes(db, 1);
	return db;
}

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

function requireOpen(state) {
	if (!state.open) throw new TypeError('The database connection is not open');
}

function requireNoIteratorsUnlessUnsafe(state) {
	if (!state.unsafe && state.iterators) {
		throw new TypeError('This database connection is busy executing a query');
	}
}

module.exports = {
	openConnection,
	DbState,
	StmtHandle,
	stmtRegistry,
	dbRegistry,
	requireOpen,
	requireNoIteratorsUnlessUnsafe,
};
