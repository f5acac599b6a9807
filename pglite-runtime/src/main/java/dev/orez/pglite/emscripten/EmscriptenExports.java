package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;

/** The runtime-support exports every Emscripten program has, looked up once. */
public final class EmscriptenExports {
    private final ExportFunction stackGetCurrent;
    private final ExportFunction stackRestore;
    private final ExportFunction stackAlloc;
    private final ExportFunction setThrew;
    private final ExportFunction malloc;
    private final ExportFunction memalign;
    private final ExportFunction dlSetError;

    EmscriptenExports(Instance instance) {
        stackGetCurrent = instance.export("emscripten_stack_get_current");
        stackRestore = instance.export("_emscripten_stack_restore");
        stackAlloc = instance.export("_emscripten_stack_alloc");
        setThrew = instance.export("setThrew");
        malloc = instance.export("malloc");
        memalign = instance.export("emscripten_builtin_memalign");
        dlSetError = instance.export("__dl_seterr");
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
        return (int) memalign.apply(alignment, bytes)[0];
    }

    /** Sets the message {@code dlerror()} returns. */
    public void dlSetError(int message) {
        dlSetError.apply(message, 0);
    }
}
