package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;

/**
 * The runtime-support exports of an Emscripten program, looked up once. Every program has the stack, longjmp
 * and malloc ones; only programs that map files or load libraries (postgres, not pg_dump) export
 * {@code emscripten_builtin_memalign} and {@code __dl_seterr}, so those are looked up on first use.
 */
public final class EmscriptenExports {
    private final Instance instance;
    private final ExportFunction stackGetCurrent;
    private final ExportFunction stackRestore;
    private final ExportFunction stackAlloc;
    private final ExportFunction setThrew;
    private final ExportFunction malloc;
    private ExportFunction memalign;
    private ExportFunction dlSetError;

    EmscriptenExports(Instance instance) {
        this.instance = instance;
        stackGetCurrent = instance.export("emscripten_stack_get_current");
        stackRestore = instance.export("_emscripten_stack_restore");
        stackAlloc = instance.export("_emscripten_stack_alloc");
        setThrew = instance.export("setThrew");
        malloc = instance.export("malloc");
    }

    public int stackSave() {
        return (int) stackGetCurrent.apply()[0];
    }

    public void stackRestore(int stackPointer) {
        stackRestore.apply(stackPointer);
    }

    public int stackAlloc(int bytes) {
        return (int) stackAlloc.apply(bytes)[0];
    }

    /** Marks a longjmp as caught, so the code after the trampoline resumes at its setjmp. */
    public void setThrew(int threw, int value) {
        setThrew.apply(threw, value);
    }

    public int malloc(int bytes) {
        return (int) malloc.apply(bytes)[0];
    }

    public int memalign(int alignment, int bytes) {
        if (memalign == null) {
            memalign = instance.export("emscripten_builtin_memalign");
        }
        return (int) memalign.apply(alignment, bytes)[0];
    }

    /** Sets the message {@code dlerror()} returns. */
    public void dlSetError(int message) {
        if (dlSetError == null) {
            dlSetError = instance.export("__dl_seterr");
        }
        dlSetError.apply(message, 0);
    }
}
