package dev.orez.wasm.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQLite compile-time options of the WebAssembly build: those of zero-sqlite3's native addon, read from the
 * package's {@code deps/defines.gypi} so that the two builds cannot drift apart, with the few changes a single-threaded
 * WASI module needs.
 */
final class SqliteDefines {
    /** One quoted entry of the gyp list: {@code 'SQLITE_DQS=0',}. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*'([A-Za-z0-9_]+(?:=[^']*)?)',\\s*$");

    /**
     * What differs from the native addon, and why: the module runs on one thread, so no mutexes; WASI can neither load
     * shared libraries nor map files; temporary tables stay in memory, so no temporary directory has to be preopened.
     */
    static final Map<String, String> WASM_OVERRIDES = overrides();

    private SqliteDefines() {}

    private static Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("SQLITE_THREADSAFE", "0");
        overrides.put("SQLITE_OMIT_LOAD_EXTENSION", null);
        overrides.put("SQLITE_MAX_MMAP_SIZE", "0");
        overrides.put("SQLITE_TEMP_STORE", "3");
        return overrides;
    }

    /** The {@code -D} arguments for clang: the addon's defines in their order, then the overrides. */
    static List<String> compilerArguments(byte[] definesGypi) {
        Map<String, String> defines = new LinkedHashMap<>();
        for (String line : new String(definesGypi, StandardCharsets.UTF_8).split("\n")) {
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                String[] nameAndValue = entry.group(1).split("=", 2);
                defines.put(nameAndValue[0], nameAndValue.length == 2 ? nameAndValue[1] : null);
            }
        }
        if (!defines.containsKey("SQLITE_THREADSAFE")) {
            // A gyp file without the one define every addon build sets is not the file this parser knows.
            throw new IllegalStateException("defines.gypi has no SQLITE_THREADSAFE entry; has its format changed?");
        }
        defines.putAll(WASM_OVERRIDES);
        List<String> arguments = new ArrayList<>();
        defines.forEach((name, value) -> arguments.add("-D" + name + (value == null ? "" : "=" + value)));
        return arguments;
    }
}
