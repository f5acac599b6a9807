package dev.orez.wasm.build;

import dev.orez.wasm.build.FunctionTypes.FuncType;
import dev.orez.wasm.build.WasmSections.Section;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gives the main module and all side modules one shared type table, so that a type index means the
 * same signature in every module.
 *
 * <p>Why: Chicory 1.7.5 checks a cross-instance {@code call_indirect} by comparing the caller's type
 * index with the callee's type index, each in its own module's numbering, and traps with "indirect
 * call type mismatch" when they differ even though the signatures are equal (see
 * docs/chicory-defects.md, P1). With one canonical table equal signatures have equal indices.
 *
 * <p>The canonical table is the main module's types in their order, then each signature first seen
 * in a side module (side modules taken in key order), so the main module keeps its numbering and only
 * its type section changes. Side modules have every type index renumbered.
 */
public final class WasmTypeCanonicalizer {
    private WasmTypeCanonicalizer() {}

    /**
     * The modules after canonicalization. Side modules are keyed as given, in key order. Arrays are
     * handed over as they are, not copied.
     */
    public record Result(byte[] mainModule, Map<String, byte[]> sideModules) {}

    public static Result canonicalize(byte[] mainModule, Map<String, byte[]> sideModules) {
        var mainSections = WasmSections.split(mainModule);
        var table = new ArrayList<>(types(mainSections));
        var firstIndexOf = new HashMap<FuncType, Integer>();
        for (int i = 0; i < table.size(); i++) {
            firstIndexOf.putIfAbsent(table.get(i), i);
        }

        // First pass: number every side module's types; the table is complete only after the last one.
        var renumbered = new TreeMap<String, SideModule>();
        for (var side : new TreeMap<>(sideModules).entrySet()) {
            var sections = WasmSections.split(side.getValue());
            var sideTypes = types(sections);
            int[] typeMap = new int[sideTypes.size()];
            for (int i = 0; i < typeMap.length; i++) {
                typeMap[i] = firstIndexOf.computeIfAbsent(sideTypes.get(i), type -> {
                    table.add(type);
                    return table.size() - 1;
                });
            }
            renumbered.put(side.getKey(), new SideModule(sections, typeMap));
        }

        // Second pass: every module gets the same type section; side modules their indices rewritten.
        byte[] typeSection = FunctionTypes.encode(table);
        var sides = new LinkedHashMap<String, byte[]>();
        renumbered.forEach((name, side) -> {
            var rewritten = TypeIndexRewriter.rewrite(side.sections(), side.typeMap());
            sides.put(name, WasmSections.join(withTypeSection(rewritten, typeSection)));
        });
        return new Result(
                WasmSections.join(withTypeSection(mainSections, typeSection)), Collections.unmodifiableMap(sides));
    }

    /** A side module's sections and where each of its type indices moves in the canonical table. */
    private record SideModule(List<Section> sections, int[] typeMap) {}

    private static List<FuncType> types(List<Section> sections) {
        byte[] typeSection = WasmSections.find(sections, WasmSections.TYPE);
        return typeSection == null ? List.of() : FunctionTypes.decode(typeSection);
    }

    /**
     * Replaces the type section, or adds one in front of the first non-custom section; leading custom
     * sections stay first, which matters for a side module's dylink.0.
     */
    private static List<Section> withTypeSection(List<Section> sections, byte[] typeSection) {
        var result = new ArrayList<>(sections);
        var replacement = new Section(WasmSections.TYPE, typeSection);
        for (int i = 0; i < result.size(); i++) {
            int id = result.get(i).id();
            if (id == WasmSections.TYPE) {
                result.set(i, replacement);
                return result;
            }
            if (id != WasmSections.CUSTOM) {
                result.add(i, replacement);
                return result;
            }
        }
        result.add(replacement);
        return result;
    }
}
