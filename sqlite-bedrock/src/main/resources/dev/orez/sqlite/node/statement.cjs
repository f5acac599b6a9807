'use strict';
// Statement (prepared SQL: binding, execution, modes, scanstatus) and its
// iterator, plus the verbose-mode logging shared with Database#exec.

const wasm = require('./wasm-sqlite.cjs');
const { SQLITE_OK, SQLITE_ROW, SQLITE_DONE, SQLITE_PREPARE_PERSISTENT, SCANSTAT } = require('./constants.cjs');
const { dbError } = require('./sqlite-error.cjs');
const { IS_INT32, requireBooleanArg, isPlainObject } = require('./args.cjs');
const { onlyTrivia } = require('./sql-text.cjs');
const {
	OUT_STMT, OUT_TAIL, OUT_VALUE, bindValue, FLAT, PLUCK, EXPAND, RAW, readLayout, readRow,
} = require('./values.cjs');
const { StmtHandle, stmtRegistry, requireOpen, requireNoIteratorsUnlessUnsafe } = require('./handles.cjs');

const { sqlite } = wasm;

const PRIVILEGED = Symbol('orez.privileged');

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

module.exports = {
	PRIVILEGED,
	log,
	Statement,
	StatementIterator,
};
