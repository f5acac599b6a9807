'use strict';
// Drop-in replacement for the entry point of @rocicorp/zero-sqlite3, backed by
// SQLite compiled to WebAssembly.
const { Database, SqliteError } = require('./database.cjs');

module.exports = Database;
module.exports.SqliteError = SqliteError;
