package dev.orez.wasm.build;

import static dev.orez.wasm.build.TestModule.I32;
import static dev.orez.wasm.build.TestModule.params;
import static dev.orez.wasm.build.TestModule.results;
import static dev.orez.wasm.build.TestModule.sleb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairMetaTest {
    private static final byte[] STUB = {0x00, 0x00, 0x0B};
    private static final int FUNCTIONS = 5;

    /**
     * Like pglite.wasm in miniature: imports env.memory and one function, then defines functions 1..5;
     * function {@code id} returns {@code 100 + id}.
     */
    private static byte[] original(boolean importMemory) {
        var m = new TestModule();
        int producer = m.type(params(), results(I32));
        if (importMemory) {
            m.importMemory("env", "memory", 1);
        }
        m.importFunction("env", "host", producer);
        for (int id = 1; id <= FUNCTIONS; id++) {
            m.exportFunction("f" + id, m.function(producer, TestModule.code(0x41, sleb(100 + id))));
        }
        return m.build();
    }

    /**
     * The .meta exactly as chicory-compiler-maven-plugin 1.7.5 writes it: no custom sections, body
     * {@code i} kept when {@code allImports + i} is interpreted, every other body stubbed.
     */
    private static byte[] pluginMeta(byte[] original, Set<Integer> interpreted) {
        int allImports = Parser.parse(original).importSection().importCount();
        var sections = new ArrayList<WasmSections.Section>();
        for (var section : WasmSections.split(original)) {
            if (section.id() == WasmSections.CODE) {
                var bodies = WasmSections.codeBodies(section.content());
                var meta = new ArrayList<byte[]>();
                for (int i = 0; i < bodies.size(); i++) {
                    meta.add(interpreted.contains(allImports + i) ? bodies.get(i) : STUB);
                }
                sections.add(new WasmSections.Section(WasmSections.CODE, WasmSections.codeSection(meta)));
            } else if (section.id() != WasmSections.CUSTOM) {
                sections.add(section);
            }
        }
        return WasmSections.join(sections);
    }

    @Test
    void keepsTheBodiesOfTheInterpretedFunctionsInsteadOfTheirPredecessors() {
        byte[] original = original(true);
        byte[] broken = pluginMeta(original, Set.of(3, 5));
        assertEquals(List.of(2, 4), keptFunctionIds(broken), "the plugin keeps the function before each");

        var outcome = RepairMeta.repair(original, broken);

        // Function 1 (body 0) is kept as well: the plugin could not have marked it.
        assertEquals(List.of(1, 3, 5), keptFunctionIds(outcome.meta()));
        var originalBodies = bodies(original);
        var repairedBodies = bodies(outcome.meta());
        assertArrayEquals(originalBodies.get(2), repairedBodies.get(2)); // function 3 = body 2
        assertArrayEquals(originalBodies.get(4), repairedBodies.get(4));
        assertTrue(outcome.report().contains("[2, 4] -> [3, 5]"), outcome.report());
    }

    @Test
    void repairedMetaRunsTheInterpretedFunctionWhereTheBrokenOneTraps() {
        byte[] original = original(true);
        byte[] broken = pluginMeta(original, Set.of(3));
        byte[] repaired = RepairMeta.repair(original, broken).meta();

        var error = assertThrows(
                ChicoryException.class, () -> instantiate(broken).export("f3").apply());
        assertTrue(error.getMessage().contains("unreachable"), error.getMessage());
        assertArrayEquals(new long[] {103}, instantiate(repaired).export("f3").apply());
    }

    @Test
    void keepsTheBodiesThePluginCannotMark() {
        // Function 1 would be body allImports + 0 - 1 = -1 in the plugin's numbering: it keeps nothing at all.
        byte[] original = original(true);
        byte[] broken = pluginMeta(original, Set.of(1));
        assertEquals(List.of(), keptFunctionIds(broken));

        var outcome = RepairMeta.repair(original, broken);

        assertEquals(List.of(1), keptFunctionIds(outcome.meta()));
        assertArrayEquals(
                new long[] {101}, instantiate(outcome.meta()).export("f1").apply());
        assertTrue(outcome.report().contains("kept the first 1 bodies"), outcome.report());
    }

    @Test
    void repairingTwiceChangesNothing() {
        byte[] original = original(true);
        byte[] repaired =
                RepairMeta.repair(original, pluginMeta(original, Set.of(3))).meta();

        var again = RepairMeta.repair(original, repaired);

        assertSame(repaired, again.meta());
        assertTrue(again.report().contains("already repaired"), again.report());
    }

    @Test
    void moduleWhoseImportsAreAllFunctionsNeedsNoRepair() {
        byte[] original = original(false);
        byte[] meta = pluginMeta(original, Set.of(3));

        var outcome = RepairMeta.repair(original, meta);

        assertSame(meta, outcome.meta());
        assertEquals(List.of(3), keptFunctionIds(meta));
        assertTrue(outcome.report().contains("nothing to repair"), outcome.report());
    }

    @Test
    void metaFromAnotherModuleIsRejected() {
        byte[] meta = pluginMeta(original(true), Set.of(3));
        var m = new TestModule();
        int producer = m.type(params(), results(I32));
        m.importMemory("env", "memory", 1);
        m.importFunction("env", "host", producer);
        for (int id = 1; id <= FUNCTIONS; id++) {
            m.function(producer, TestModule.code(0x41, sleb(200 + id)));
        }

        assertThrows(IllegalArgumentException.class, () -> RepairMeta.repair(m.build(), meta));
    }

    @Test
    void commandLineRewritesTheMetaFileInPlaceAndLeavesItOnTheSecondRun(@TempDir Path dir) throws IOException {
        byte[] original = original(true);
        Path wasm = Files.write(dir.resolve("m.wasm"), original);
        Path meta = Files.write(dir.resolve("m.meta"), pluginMeta(original, Set.of(3)));

        String firstLog = runMain(wasm, meta);
        byte[] afterFirst = Files.readAllBytes(meta);
        String secondLog = runMain(wasm, meta);

        assertEquals(List.of(1, 3), keptFunctionIds(afterFirst));
        assertArrayEquals(afterFirst, Files.readAllBytes(meta));
        assertTrue(firstLog.contains("function ids [2] -> [3]"), firstLog);
        assertTrue(secondLog.contains("already repaired"), secondLog);
    }

    private static String runMain(Path wasm, Path meta) throws IOException {
        var captured = new ByteArrayOutputStream();
        var previous = System.out;
        System.setOut(new java.io.PrintStream(captured, true, "UTF-8"));
        try {
            RepairMeta.main(new String[] {wasm.toString(), meta.toString()});
        } finally {
            System.setOut(previous);
        }
        return captured.toString("UTF-8");
    }

    private static Instance instantiate(byte[] module) {
        var host = new HostFunction(
                "env", "host", FunctionType.of(List.of(), List.of(ValType.I32)), (instance, args) -> new long[] {0});
        var imports = ImportValues.builder()
                .addMemory(new ImportMemory("env", "memory", new ByteArrayMemory(new MemoryLimits(1))))
                .addFunction(host)
                .build();
        return Instance.builder(Parser.parse(module)).withImportValues(imports).build();
    }

    private static List<byte[]> bodies(byte[] module) {
        return WasmSections.codeBodies(WasmSections.find(WasmSections.split(module), WasmSections.CODE));
    }

    /** Function ids whose body is not the plugin's stub; one function import comes first. */
    private static List<Integer> keptFunctionIds(byte[] module) {
        var bodies = bodies(module);
        var ids = new ArrayList<Integer>();
        for (int i = 0; i < bodies.size(); i++) {
            if (!Arrays.equals(bodies.get(i), STUB)) {
                ids.add(1 + i);
            }
        }
        return ids;
    }
}
