package dev.orez.wasm.build;

import java.util.List;

/**
 * The functions sqlite3.wasm exports: the part of SQLite's C API a connection/statement wrapper calls, plus the C
 * allocator so the host can place strings and blobs in the module's memory. Everything else is left to the linker to
 * drop.
 */
final class SqliteExports {
    static final List<String> NAMES = List.of(
            "malloc",
            "free",
            "sqlite3_initialize",
            "sqlite3_libversion",
            "sqlite3_sourceid",
            "sqlite3_open_v2",
            "sqlite3_close_v2",
            "sqlite3_exec",
            "sqlite3_busy_timeout",
            "sqlite3_errcode",
            "sqlite3_extended_errcode",
            "sqlite3_errmsg",
            "sqlite3_errstr",
            "sqlite3_changes64",
            "sqlite3_total_changes64",
            "sqlite3_last_insert_rowid",
            "sqlite3_get_autocommit",
            "sqlite3_free",
            "sqlite3_prepare_v3",
            "sqlite3_finalize",
            "sqlite3_reset",
            "sqlite3_clear_bindings",
            "sqlite3_step",
            "sqlite3_sql",
            "sqlite3_stmt_readonly",
            "sqlite3_bind_parameter_count",
            "sqlite3_bind_parameter_index",
            "sqlite3_bind_parameter_name",
            "sqlite3_bind_int64",
            "sqlite3_bind_double",
            "sqlite3_bind_text",
            "sqlite3_bind_blob",
            "sqlite3_bind_null",
            "sqlite3_column_count",
            "sqlite3_column_name",
            "sqlite3_column_decltype",
            "sqlite3_column_type",
            "sqlite3_column_int64",
            "sqlite3_column_double",
            "sqlite3_column_text",
            "sqlite3_column_blob",
            "sqlite3_column_bytes",
            "sqlite3_data_count");

    private SqliteExports() {}
}
