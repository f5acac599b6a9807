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
 * parser is an {@code unreachable} stub and the first query traps.
 */
class RepairedMetaTest {
    private static final WasmModule META = PgliteModule.load();

    @Test
    void theSqlParserKeepsItsBodyForTheInterpreter() {
        FunctionBody parser = bodyOfExport("raw_parser");
        assertTrue(
                parser.instructions().size() > 10_000,
                "raw_parser has " + parser.instructions().size() + " instructions");
    }

    @Test
    void functionsThatWereCompiledAreStubbedOut() {
        FunctionBody compiled = bodyOfExport("PostgresMainLoopOnce");
        List<OpCode> opcodes =
                compiled.instructions().stream().map(i -> i.opcode()).toList();
        assertEquals(List.of(OpCode.UNREACHABLE, OpCode.END), opcodes);
    }

    private static FunctionBody bodyOfExport(String name) {
        ExportSection exports = META.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (export.name().equals(name)) {
                int imported = META.importSection().count(ExternalType.FUNCTION);
                return META.codeSection().getFunctionBody(export.index() - imported);
            }
        }
        throw new AssertionError("pglite.wasm does not export " + name);
    }
}
