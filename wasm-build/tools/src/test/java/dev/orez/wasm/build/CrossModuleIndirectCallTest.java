package dev.orez.wasm.build;

import static dev.orez.wasm.build.TestModule.I32;
import static dev.orez.wasm.build.TestModule.params;
import static dev.orez.wasm.build.TestModule.results;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression test for defect P1 (docs/chicory-defects.md): Chicory 1.7.5 checks a call_indirect
 * into another instance by comparing type indices from two different type tables. Module A and
 * module B share A's table and call each other through it with the same signature, (i32, i32) -> i32,
 * which is type 1 in A and type 0 in B.
 */
class CrossModuleIndirectCallTest {
    /** Slot of A's table that A's own element segment fills with A's {@code mul}. */
    private static final int SLOT_A_MUL = 1;
    /** Slot of A's table that the test fills with B's {@code add}, as a dynamic linker would. */
    private static final int SLOT_B_ADD = 2;

    enum Engine {
        INTERPRETER,
        COMPILER
    }

    private static final byte[] MODULE_A = moduleA();
    private static final byte[] MODULE_B = moduleB();

    /** A: types [(i32)->i32, (i32,i32)->i32, (i32,i32,i32)->i32]; exports its table, callit, mul. */
    private static byte[] moduleA() {
        var a = new TestModule();
        a.type(params(I32), results(I32));
        int binary = a.type(params(I32, I32), results(I32));
        int ternary = a.type(params(I32, I32, I32), results(I32));
        // callit(slot, x, y) = table[slot](x, y), checked against A's type 1
        int callit = a.function(ternary, 0x20, 1, 0x20, 2, 0x20, 0, 0x11, binary, 0);
        int mul = a.function(binary, 0x20, 0, 0x20, 1, 0x6C);
        return a.table(4)
                .exportTable("table", 0)
                .exportFunction("callit", callit)
                .exportFunction("mul", mul)
                .elements(SLOT_A_MUL, mul)
                .build();
    }

    /** B: types [(i32,i32)->i32, (i32,i32,i32)->i32]; imports A's table; exports add, callit. */
    private static byte[] moduleB() {
        var b = new TestModule();
        int binary = b.type(params(I32, I32), results(I32));
        int ternary = b.type(params(I32, I32, I32), results(I32));
        b.importTable("env", "table", 4);
        int add = b.function(binary, 0x20, 0, 0x20, 1, 0x6A);
        // callit(slot, x, y) = table[slot](x, y), checked against B's type 0
        int callit = b.function(ternary, 0x20, 1, 0x20, 2, 0x20, 0, 0x11, binary, 0);
        return b.exportFunction("add", add).exportFunction("callit", callit).build();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callFromMainIntoSideModuleTrapsWithoutCanonicalTypes(Engine engine) {
        var linked = link(engine, MODULE_A, MODULE_B);
        var error = assertThrows(
                ChicoryException.class, () -> linked.a.export("callit").apply(SLOT_B_ADD, 3, 4));
        assertTrue(error.getMessage().contains("indirect call type mismatch"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callFromSideModuleIntoMainTrapsWithoutCanonicalTypes(Engine engine) {
        var linked = link(engine, MODULE_A, MODULE_B);
        var error = assertThrows(
                ChicoryException.class, () -> linked.b.export("callit").apply(SLOT_A_MUL, 3, 4));
        assertTrue(error.getMessage().contains("indirect call type mismatch"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callFromMainIntoSideModuleWorksWithCanonicalTypes(Engine engine) {
        var canonical = WasmTypeCanonicalizer.canonicalize(MODULE_A, Map.of("b", MODULE_B));
        var linked =
                link(engine, canonical.mainModule(), canonical.sideModules().get("b"));
        assertArrayEquals(new long[] {7}, linked.a.export("callit").apply(SLOT_B_ADD, 3, 4));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callFromSideModuleIntoMainWorksWithCanonicalTypes(Engine engine) {
        var canonical = WasmTypeCanonicalizer.canonicalize(MODULE_A, Map.of("b", MODULE_B));
        var linked =
                link(engine, canonical.mainModule(), canonical.sideModules().get("b"));
        assertArrayEquals(new long[] {12}, linked.b.export("callit").apply(SLOT_A_MUL, 3, 4));
    }

    private record Linked(Instance a, Instance b) {}

    /** Instantiates A, then B on A's table, and puts B's add into the table the way dlopen does. */
    private static Linked link(Engine engine, byte[] aBytes, byte[] bBytes) {
        var a = instantiate(engine, aBytes, ImportValues.empty());
        var table = a.exports().table("table");
        var b = instantiate(
                engine,
                bBytes,
                ImportValues.builder()
                        .addTable(new ImportTable("env", "table", table))
                        .build());
        int addIndex = 0; // B has no function imports, so add is function 0
        table.setRef(SLOT_B_ADD, addIndex, b);
        return new Linked(a, b);
    }

    private static Instance instantiate(Engine engine, byte[] bytes, ImportValues imports) {
        var module = Parser.parse(bytes);
        var builder = Instance.builder(module).withImportValues(imports);
        if (engine == Engine.COMPILER) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        return builder.build();
    }
}
