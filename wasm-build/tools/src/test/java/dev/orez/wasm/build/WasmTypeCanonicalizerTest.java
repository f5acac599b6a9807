package dev.orez.wasm.build;

import static dev.orez.wasm.build.TestModule.I32;
import static dev.orez.wasm.build.TestModule.I64;
import static dev.orez.wasm.build.TestModule.code;
import static dev.orez.wasm.build.TestModule.f32;
import static dev.orez.wasm.build.TestModule.f64;
import static dev.orez.wasm.build.TestModule.params;
import static dev.orez.wasm.build.TestModule.results;
import static dev.orez.wasm.build.TestModule.sleb;
import static dev.orez.wasm.build.TestModule.uleb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WasmTypeCanonicalizerTest {
    private static final byte[] DYLINK = {0x01, 0x04, 0x10, 0x00, 0x00, 0x00}; // a mem-info subsection

    /**
     * A side module shaped like Emscripten output (dylink.0 first, imported memory and function, own
     * table) whose {@code exercise(x)} runs an instruction of each kind the walker decodes, among them
     * every kind of type index: a multi-value block type, an if with a type-index block type and a
     * call_indirect. Its own types are (i32,i32)->(i32,i32), (i32)->i32, ()->i32, (i32)->().
     */
    private static byte[] sideModule() {
        var m = new TestModule().leadingCustomSection("dylink.0", DYLINK);
        int pair = m.type(params(I32, I32), results(I32, I32));
        int unary = m.type(params(I32), results(I32));
        int producer = m.type(params(), results(I32));
        int payload = m.type(params(I32), results());
        m.importMemory("env", "memory", 1);
        int inc = m.importFunction("env", "inc", unary);
        int twice = m.function(unary, 0x20, 0, 0x41, 2, 0x6C);
        int[] body = code(
                // (x, 10) through a block typed (i32,i32)->(i32,i32), then x + 10
                code(0x20, 0, 0x41, 10, 0x02, sleb(pair), 0x0B, 0x6A),
                // * 2 through table slot 0, checked against (i32)->i32
                code(0x41, 0, 0x11, uleb(unary), 0x00),
                // + (x ? 1000 : 2000), the if typed ()->i32 by index
                code(0x20, 0, 0x04, sleb(producer), 0x41, sleb(1000), 0x05, 0x41, sleb(2000), 0x0B, 0x6A),
                // + (i32) 0x1_0000_0007, a multi-byte i64.const
                code(0x42, sleb(0x1_0000_0007L), 0xA7, 0x6A),
                // + trunc_sat(2.5 + (f64) 1.5f), raw float immediates
                code(0x44, f64(2.5), 0x43, f32(1.5f), 0xBB, 0xA0, 0xFC, 0x02, 0x6A),
                // store 0x123456FF at 16, + load8_u(offset 16) = 0xFF
                code(0x41, 16, 0x41, sleb(0x123456FF), 0x36, 0x02, 0x00, 0x41, 0, 0x2D, 0x00, 16, 0x6A),
                // memory.fill(32, 3, 4); memory.copy(40, 32, 4); + load8_u(43) = 3
                code(0x41, 32, 0x41, 3, 0x41, 4, 0xFC, 0x0B, 0x00),
                code(0x41, 40, 0x41, 32, 0x41, 4, 0xFC, 0x0A, 0x00, 0x00, 0x41, 0, 0x2D, 0x00, 43, 0x6A),
                // + (select i32 5 6 x)
                code(0x41, 5, 0x41, 6, 0x20, 0, 0x1C, 0x01, I32, 0x6A),
                // + 50 when x is even: local 1 is set only when br_table leaves the inner block
                code(0x02, 0x40, 0x02, 0x40, 0x20, 0, 0x41, 1, 0x71, 0x0E, 0x01, 0x00, 0x01, 0x0B),
                code(0x41, sleb(50), 0x21, 1, 0x0B, 0x20, 1, 0x6A),
                // + ref.is_null(ref.null func) = 1; + table.size = 2; + extend8_s(0x80) = -128
                code(0xD0, 0x70, 0xD1, 0x6A, 0xFC, 0x10, 0x00, 0x6A, 0x41, sleb(0x80), 0xC0, 0x6A),
                // inc(...)
                code(0x10, inc));
        int exercise = m.functionWithLocals(unary, 1, body);
        return m.table(2)
                .elements(0, twice)
                .tag(payload)
                .exportFunction("exercise", exercise)
                .build();
    }

    /** Expected exercise(x), worked out by hand from the comments above. */
    private static long expected(int x) {
        long value = (x + 10) * 2L + (x != 0 ? 1000 : 2000) + 7 + 4 + 0xFF + 3 + (x != 0 ? 5 : 6);
        value += (x % 2 == 0 ? 50 : 0) + 1 + 2 - 128;
        return value + 1;
    }

    /** A main module with {@code count} distinct types, none of which the side module uses. */
    private static byte[] mainModule(int count) {
        var m = new TestModule();
        for (int i = 0; i < count; i++) {
            int[] params = new int[i];
            Arrays.fill(params, I64);
            m.type(params, results());
        }
        return m.build();
    }

    @ParameterizedTest(name = "main module with {0} types")
    @ValueSource(ints = {0, 70, 130})
    void sideModuleComputesTheSameAfterItsTypeIndicesMoveToWiderEncodings(int mainTypes) {
        // 70: indices become two-byte s33 (block types) but stay one-byte u32; 130: both widen.
        byte[] side = sideModule();
        var result = WasmTypeCanonicalizer.canonicalize(mainModule(mainTypes), Map.of("side", side));
        byte[] rewritten = result.sideModules().get("side");

        assertEquals(mainTypes + 4, Parser.parse(rewritten).typeSection().typeCount());
        for (int x : new int[] {0, 3, 4}) {
            assertEquals(expected(x), exercise(side, x), "original module, x = " + x);
            assertEquals(expected(x), exercise(rewritten, x), "canonicalized module, x = " + x);
        }
    }

    @Test
    void blockTypesAreWrittenAsS33AndCallIndirectTypesAsU32() {
        // Chicory reads both as unsigned, so only the exact bytes show that 70 is written C6 00 (s33)
        // in a block type but 47 (u32) in call_indirect.
        var side = new TestModule();
        int producer = side.type(params(), results(I32));
        int unary = side.type(params(I32), results(I32));
        side.function(unary, code(0x02, producer, 0x41, 7, 0x0B, 0x41, 0, 0x11, unary, 0x00));
        byte[] module = side.table(1).build();

        assertArrayEquals(
                new byte[] {0x00, 0x02, (byte) 0xC6, 0x00, 0x41, 7, 0x0B, 0x41, 0, 0x11, 0x47, 0x00, 0x0B},
                onlyBody(WasmTypeCanonicalizer.canonicalize(mainModule(70), Map.of("side", module))));
        assertArrayEquals(
                new byte[] {0x00, 0x02, (byte) 0x82, 0x01, 0x41, 7, 0x0B, 0x41, 0, 0x11, (byte) 0x83, 0x01, 0x00, 0x0B},
                onlyBody(WasmTypeCanonicalizer.canonicalize(mainModule(130), Map.of("side", module))));
    }

    private static byte[] onlyBody(WasmTypeCanonicalizer.Result result) {
        var code = WasmSections.find(WasmSections.split(result.sideModules().get("side")), WasmSections.CODE);
        return WasmSections.codeBodies(code).get(0);
    }

    @Test
    void everyTypeReferenceResolvesToTheSameSignatureAfterRenumbering() {
        byte[] side = sideModule();
        var before = Parser.parse(side);
        var after = Parser.parse(WasmTypeCanonicalizer.canonicalize(mainModule(130), Map.of("side", side))
                .sideModules()
                .get("side"));

        assertEquals(signatures(before), signatures(after));
        assertTrue(signatures(after).size() > 4, "walked the code: " + signatures(after));
    }

    @Test
    void canonicalTableIsTheMainTypesThenNewSideTypesInKeyOrderWithoutDuplicates() {
        var main = new TestModule();
        main.type(params(I32), results(I32));
        main.type(params(), results());
        var z = new TestModule();
        int zNew = z.type(params(I64), results(I64));
        int zShared = z.type(params(), results());
        z.function(zNew, 0x20, 0);
        z.function(zShared);
        var a = new TestModule();
        int aNew = a.type(params(I32, I32), results());
        int aAlsoInZ = a.type(params(I64), results(I64));
        a.function(aNew);
        a.function(aAlsoInZ, 0x20, 0);

        var result = WasmTypeCanonicalizer.canonicalize(main.build(), Map.of("z", z.build(), "a", a.build()));

        var table = List.of(
                FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                FunctionType.of(List.of(), List.of()),
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                FunctionType.of(List.of(ValType.I64), List.of(ValType.I64)));
        assertEquals(table, types(Parser.parse(result.mainModule())));
        assertEquals(List.of("a", "z"), List.copyOf(result.sideModules().keySet()));
        for (byte[] module : result.sideModules().values()) {
            assertEquals(table, types(Parser.parse(module)));
        }
        var zAfter = Parser.parse(result.sideModules().get("z"));
        assertEquals(3, zAfter.functionSection().getFunctionType(0));
        assertEquals(1, zAfter.functionSection().getFunctionType(1));
    }

    @Test
    void mainModuleChangesOnlyItsTypeSection() {
        byte[] main = mainModuleWithCode();
        var result = WasmTypeCanonicalizer.canonicalize(main, Map.of("side", sideModule()));

        var before = WasmSections.split(main);
        var after = WasmSections.split(result.mainModule());
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).id(), after.get(i).id());
            if (before.get(i).id() != WasmSections.TYPE) {
                assertArrayEquals(before.get(i).content(), after.get(i).content(), "section " + i);
            }
        }
    }

    @Test
    void dylinkSectionStaysFirstAndUnchanged() {
        var result = WasmTypeCanonicalizer.canonicalize(mainModule(3), Map.of("side", sideModule()));

        var first = WasmSections.split(result.sideModules().get("side")).get(0);
        assertEquals(WasmSections.CUSTOM, first.id());
        assertArrayEquals(WasmSections.split(sideModule()).get(0).content(), first.content());
    }

    @Test
    void blockTypeIndexThatChicoryWouldMisreadIsRefused() {
        var side = new TestModule();
        int producer = side.type(params(), results(I32));
        side.function(producer, code(0x02, sleb(producer), 0x41, 7, 0x0B));

        // 64 new main types put the side module's ()->i32 at index 64, which Chicory reads as "empty".
        var error = assertThrows(
                IllegalStateException.class,
                () -> WasmTypeCanonicalizer.canonicalize(mainModule(64), Map.of("side", side.build())));
        assertTrue(error.getMessage().contains("would become 64"), error.getMessage());
    }

    @Test
    void simdInstructionIsRefusedNamingTheFunction() {
        var m = new TestModule();
        int type = m.type(params(), results());
        m.function(type);
        m.function(type, 0x41, 0, 0xFD, 0x0F, 0x1A); // i32.const 0; i8x16.splat; drop
        byte[] side = m.build();

        var error = assertThrows(
                IllegalArgumentException.class,
                () -> WasmTypeCanonicalizer.canonicalize(mainModule(1), Map.of("side", side)));
        assertTrue(error.getMessage().contains("function 1"), error.getMessage());
        assertTrue(error.getMessage().contains("SIMD instruction 0xFD 15"), error.getMessage());
    }

    /** A main module with code, a table and exports, so that there is more than a type section. */
    private static byte[] mainModuleWithCode() {
        var m = new TestModule();
        int unary = m.type(params(I32), results(I32));
        int f = m.function(unary, code(0x20, 0, 0x41, 0, 0x11, uleb(unary), 0x00));
        return m.table(1).elements(0, f).exportFunction("f", f).build();
    }

    private static long exercise(byte[] module, int x) {
        var inc = new HostFunction(
                "env", "inc", FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)), (instance, args) ->
                        new long[] {args[0] + 1});
        var imports = ImportValues.builder()
                .addMemory(new ImportMemory("env", "memory", new ByteArrayMemory(new MemoryLimits(1))))
                .addFunction(inc)
                .build();
        var instance =
                Instance.builder(Parser.parse(module)).withImportValues(imports).build();
        return instance.export("exercise").apply(x)[0];
    }

    private static List<FunctionType> types(WasmModule module) {
        var result = new ArrayList<FunctionType>();
        for (int i = 0; i < module.typeSection().typeCount(); i++) {
            result.add(module.typeSection().getType(i));
        }
        return result;
    }

    /**
     * The signature behind every type reference, in module order: function imports, functions, tags,
     * then call_indirect immediates and type-index block types in the code.
     */
    private static List<FunctionType> signatures(WasmModule module) {
        var types = module.typeSection();
        var result = new ArrayList<FunctionType>();
        module.importSection().stream()
                .filter(FunctionImport.class::isInstance)
                .forEach(i -> result.add(types.getType(((FunctionImport) i).typeIndex())));
        for (int i = 0; i < module.functionSection().functionCount(); i++) {
            result.add(types.getType(module.functionSection().getFunctionType(i)));
        }
        module.tagSection().ifPresent(tags -> {
            for (int i = 0; i < tags.tagCount(); i++) {
                result.add(types.getType(tags.getTag(i).typeIdx()));
            }
        });
        for (int f = 0; f < module.codeSection().functionBodyCount(); f++) {
            for (var instruction : module.codeSection().getFunctionBody(f).instructions()) {
                var op = instruction.opcode();
                if (op == OpCode.CALL_INDIRECT) {
                    result.add(types.getType((int) instruction.operand(0)));
                } else if ((op == OpCode.BLOCK || op == OpCode.IF || op == OpCode.LOOP)
                        && instruction.operand(0) != 0x40 // empty block type
                        && !ValType.isValid(instruction.operand(0))) {
                    result.add(types.getType((int) instruction.operand(0)));
                }
            }
        }
        return result;
    }
}
