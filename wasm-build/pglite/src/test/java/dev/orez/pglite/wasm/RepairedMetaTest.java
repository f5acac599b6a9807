package dev.orez.pglite.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped .meta keeps real bodies for the functions too large for a JVM method, which Chicory runs in
 * its interpreter. Without our repair of the plugin's off-by-one (docs/chicory-defects.md, P2) the SQL
 * parser is an {@code unreachable} stub and the first query traps, and pg_dump's {@code main} is one too.
 */
class RepairedMetaTest {
    private static final WasmModule META = PgliteModule.load();
    private static final WasmModule PG_DUMP_META = PgDumpModule.load();

    @Test
    void theSqlParserKeepsItsBodyForTheInterpreter() {
        FunctionBody parser = bodyOfExport(META, "raw_parser");
        assertTrue(
                parser.instructions().size() > 10_000,
                "raw_parser has " + parser.instructions().size() + " instructions");
    }

    @Test
    void pgDumpsMainKeepsItsBodyForTheInterpreter() {
        FunctionBody main = bodyOfExport(PG_DUMP_META, "__main_argc_argv");
        assertTrue(
                main.instructions().size() > 10_000,
                "main has " + main.instructions().size() + " instructions");
    }

    @Test
    void functionsThatWereCompiledAreStubbedOut() {
        FunctionBody compiled = bodyOfExport(META, "PostgresMainLoopOnce");
        List<OpCode> opcodes =
                compiled.instructions().stream().map(i -> i.opcode()).toList();
        assertEquals(List.of(OpCode.UNREACHABLE, OpCode.END), opcodes);
    }

    private static FunctionBody bodyOfExport(WasmModule module, String name) {
        ExportSection exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (export.name().equals(name)) {
                int imported = module.importSection().count(ExternalType.FUNCTION);
                return module.codeSection().getFunctionBody(export.index() - imported);
            }
        }
        throw new AssertionError("the module does not export " + name);
    }
}
