'use strict';
// Online backup of a connection's database into a file (Database#backup).

const fs = require('fs');
const wasm = require('./wasm-sqlite.cjs');
const {
	SQLITE_OK, SQLITE_BUSY, SQLITE_DONE, SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE, SQLITE_OPEN_URI,
	SQLITE_LIMIT_LENGTH,
} = require('./constants.cjs');
const { dbError, codeError } = require('./sqlite-error.cjs');
const { openConnection, requireOpen } = require('./handles.cjs');

const { sqlite } = wasm;

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
	const dest = openConnection(filename, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI);
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

module.exports = {
	openBackup,
	runBackup,
};
