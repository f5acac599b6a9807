'use strict';
// SQLite result-code names and the SqliteError class, plus helpers that build
// a SqliteError from a connection's last error or from a bare result code.

const wasm = require('./wasm-sqlite.cjs');

const { sqlite } = wasm;

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

module.exports = {
	codeName,
	SqliteError,
	dbError,
	codeError,
};
