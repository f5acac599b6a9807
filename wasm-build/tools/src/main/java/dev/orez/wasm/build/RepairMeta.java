package dev.orez.wasm.build;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.SectionId;
import dev.orez.wasm.build.WasmSections.Section;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Repairs the {@code .meta} module written by chicory-compiler-maven-plugin 1.7.5 (defect P2 in
 * docs/chicory-defects.md).
 *
 * <p>The plugin keeps the real bodies of the functions that must run in the interpreter and stubs
 * all others with {@code unreachable}, but it numbers body {@code i} as function {@code allImports +
 * i} although function indices only count function imports. A module that also imports a memory,
 * table, global or tag gets the wrong bodies kept: the function right before each intended one. This
 * tool moves every kept position forward by the number of non-function imports, taking the bodies
 * from the original module, and marks the result with a custom section so that a second run (an
 * incremental build) leaves it alone: from the bodies alone a repaired file cannot be told from a
 * broken one, since both hold original bodies at their own positions.
 *
 * <p>The first {@code nonFunctionImports} bodies need more: the plugin would have had to keep them at
 * negative positions, so when one of them is interpreted nothing in the .meta says so (pg_dump.wasm's
 * {@code main}, body 3 behind 6 non-function imports, is lost that way). The tool keeps all of them;
 * a kept body of a function that was compiled is never read.
 *
 * <p>Usage: {@code RepairMeta <original.wasm> <file.meta>}; the .meta is rewritten in place.
 */
public final class RepairMeta {
    static final String MARKER = "orez.meta-repaired";
    private static final byte[] STUB = {0x00, 0x00, 0x0B}; // no locals, unreachable, end

    private RepairMeta() {}

    /** The .meta to write (the given array when nothing changes) and what was done, for the log. */
    record Outcome(byte[] meta, String report) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            // An exception rather than System.exit: exec:java runs this inside the Maven JVM.
            throw new IllegalArgumentException("usage: RepairMeta <original.wasm> <file.meta>");
        }
        Path metaFile = Path.of(args[1]);
        byte[] meta = Files.readAllBytes(metaFile);
        var outcome = repair(Files.readAllBytes(Path.of(args[0])), meta);
        if (outcome.meta() != meta) {
            Files.write(metaFile, outcome.meta());
        }
        System.out.println("RepairMeta " + metaFile + ": " + outcome.report());
    }

    static Outcome repair(byte[] original, byte[] meta) {
        var metaSections = WasmSections.split(meta);
        if (metaSections.stream().anyMatch(RepairMeta::isMarker)) {
            return new Outcome(meta, "already repaired, left unchanged");
        }
        var originalBodies = WasmSections.codeBodies(code(WasmSections.split(original), "original"));
        var kept = keptPositions(WasmSections.codeBodies(code(metaSections, ".meta")), originalBodies);

        var imports = Parser.builder() // the instance parse: the static parse(byte[]) ignores the filter
                .includeSectionId(SectionId.TYPE)
                .includeSectionId(SectionId.IMPORT)
                .build()
                .parse(() -> new ByteArrayInputStream(original))
                .importSection();
        int functionImports = imports.count(ExternalType.FUNCTION);
        int shift = imports.importCount() - functionImports;
        if (shift == 0) {
            return new Outcome(
                    meta,
                    "all imports are functions, so the plugin numbered the bodies right; kept function ids "
                            + functionIds(kept, functionImports) + ", nothing to repair");
        }

        // The plugin meant function allImports + i for kept body i; that function's body is i + shift.
        var intended = new TreeSet<Integer>();
        for (int position : kept) {
            if (position + shift >= originalBodies.size()) {
                throw new IllegalArgumentException("kept body " + position + " maps past the last function");
            }
            intended.add(position + shift);
        }
        // Bodies below shift the plugin could not mark at all, so every one of them is kept.
        int unmarkable = Math.min(shift, originalBodies.size());
        var bodies = new ArrayList<byte[]>(originalBodies.size());
        for (int i = 0; i < originalBodies.size(); i++) {
            bodies.add(i < unmarkable || intended.contains(i) ? originalBodies.get(i) : STUB);
        }

        String report = "moved kept bodies by " + shift + " non-function import(s): function ids "
                + functionIds(kept, functionImports) + " -> " + functionIds(intended, functionImports)
                + ", and kept the first " + unmarkable + " bodies, which the plugin cannot mark";
        var sections = new ArrayList<Section>(metaSections.size() + 1);
        for (var section : metaSections) {
            sections.add(
                    section.id() == WasmSections.CODE
                            ? new Section(WasmSections.CODE, WasmSections.codeSection(bodies))
                            : section);
        }
        sections.add(marker(report));
        return new Outcome(WasmSections.join(sections), report);
    }

    /** Positions of the non-stub bodies, after checking that the .meta was made from this original. */
    private static TreeSet<Integer> keptPositions(List<byte[]> metaBodies, List<byte[]> originalBodies) {
        if (metaBodies.size() != originalBodies.size()) {
            throw new IllegalArgumentException("the .meta has " + metaBodies.size() + " function bodies, the original "
                    + originalBodies.size() + ": not made from this module");
        }
        var kept = new TreeSet<Integer>();
        for (int i = 0; i < metaBodies.size(); i++) {
            if (Arrays.equals(metaBodies.get(i), STUB)) {
                continue;
            }
            if (!Arrays.equals(metaBodies.get(i), originalBodies.get(i))) {
                throw new IllegalArgumentException(
                        "body " + i + " of the .meta is neither a stub nor the original's: not made from this module");
            }
            kept.add(i);
        }
        return kept;
    }

    private static byte[] code(List<Section> sections, String which) {
        byte[] code = WasmSections.find(sections, WasmSections.CODE);
        if (code == null) {
            throw new IllegalArgumentException("the " + which + " module has no code section");
        }
        return code;
    }

    private static List<Integer> functionIds(TreeSet<Integer> positions, int functionImports) {
        return positions.stream().map(p -> p + functionImports).toList();
    }

    /** Custom sections are ignored when the .meta is loaded; the plugin writes none of its own. */
    private static Section marker(String report) {
        return new Section(
                WasmSections.CUSTOM,
                new WasmWriter()
                        .name(MARKER)
                        .bytes(report.getBytes(StandardCharsets.UTF_8))
                        .toByteArray());
    }

    private static boolean isMarker(Section section) {
        return section.id() == WasmSections.CUSTOM && MARKER.equals(new WasmReader(section.content()).name());
    }
}
