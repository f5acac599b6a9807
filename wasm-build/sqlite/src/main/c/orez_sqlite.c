/*
 * What orez's WebAssembly build adds to SQLite besides the VFS: one initialisation entry point, the connection
 * setting better-sqlite3 toggles through a variadic call (which a host cannot make into WebAssembly), and the
 * Unicode-aware lower()/upper() that zero-sqlite3 installs in every connection so that zero's ILIKE matches what
 * JavaScript's toLowerCase() does. The case mapping itself is the host's (JavaScript in Node, java.lang.String in
 * the JVM): ASCII is mapped here, anything else is handed to it.
 */
#include <string.h>

#include "sqlite3.h"
#include "orez_vfs.h"

/*
 * Writes the lower- (upper = 0) or upper-case (upper = 1) form of the UTF-8 text in[0..length) to out[0..capacity)
 * and returns its length in bytes; a result longer than capacity is not written, only its length returned.
 */
__attribute__((import_module("orez"), import_name("text_case")))
int orez_host_text_case(int upper, const unsigned char *in, int length, unsigned char *out, int capacity);

static void text_case(sqlite3_context *context, sqlite3_value *value, int upper) {
    const unsigned char *in = sqlite3_value_text(value);
    if (in == NULL) return; /* NULL stays NULL (or out of memory, which sqlite3_value_text has reported) */
    int length = sqlite3_value_bytes(value);
    int ascii = 1;
    for (int i = 0; i < length && ascii; i++) ascii = in[i] < 0x80;
    /* Case mapping at most triples the UTF-8 length (e.g. U+0390 to three two-byte code points). */
    int capacity = ascii ? length : 3 * length;
    for (int attempt = 0; attempt < 2; attempt++) {
        unsigned char *out = sqlite3_malloc(capacity + 1);
        if (out == NULL) {
            sqlite3_result_error_nomem(context);
            return;
        }
        int written;
        if (ascii) {
            for (int i = 0; i < length; i++) {
                unsigned char c = in[i];
                out[i] = upper ? (c >= 'a' && c <= 'z' ? c - 32 : c) : (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            written = length;
        } else {
            written = orez_host_text_case(upper, in, length, out, capacity);
        }
        if (written <= capacity) {
            sqlite3_result_text(context, (const char *) out, written, sqlite3_free);
            return;
        }
        sqlite3_free(out);
        capacity = written;
    }
    sqlite3_result_error(context, "the host's case mapping changed its length", -1);
}

static void lower_function(sqlite3_context *context, int argc, sqlite3_value **argv) {
    (void) argc;
    text_case(context, argv[0], 0);
}

static void upper_function(sqlite3_context *context, int argc, sqlite3_value **argv) {
    (void) argc;
    text_case(context, argv[0], 1);
}

static int register_text_case(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
    (void) error;
    (void) api;
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    int rc = sqlite3_create_function(db, "lower", 1, flags, NULL, lower_function, NULL, NULL);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_create_function(db, "upper", 1, flags, NULL, upper_function, NULL, NULL);
}

/* Call once after the WASI reactor's _initialize: SQLite, the orez VFS as default, lower()/upper() everywhere. */
int orez_sqlite_init(void) {
    int rc = sqlite3_initialize();
    if (rc != SQLITE_OK) return rc;
    rc = orez_vfs_register();
    if (rc != SQLITE_OK) return rc;
    return sqlite3_auto_extension((void (*)(void)) register_text_case);
}

/* SQLITE_DBCONFIG_DEFENSIVE, which better-sqlite3 sets on open and unsafeMode() clears. */
int orez_set_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *) 0);
}
