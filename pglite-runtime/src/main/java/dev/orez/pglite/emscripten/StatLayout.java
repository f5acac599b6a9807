package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.Memory;
import dev.orez.pglite.fs.FileStat;

/** Emscripten's wasm32 {@code struct stat}. */
final class StatLayout {
    private StatLayout() {}

    static void write(Memory memory, int address, FileStat stat) {
        memory.writeI32(address, stat.dev());
        memory.writeI32(address + 4, stat.mode());
        memory.writeI32(address + 8, stat.nlink());
        memory.writeI32(address + 12, 0); // uid: everyone is root in here
        memory.writeI32(address + 16, 0); // gid
        memory.writeI32(address + 20, 0); // rdev
        memory.writeLong(address + 24, stat.size());
        memory.writeI32(address + 32, 4096); // blksize
        memory.writeI32(address + 36, (int) ((stat.size() + 511) / 512)); // blocks
        writeTime(memory, address + 40, stat.atimeMs());
        writeTime(memory, address + 56, stat.mtimeMs());
        writeTime(memory, address + 72, stat.ctimeMs());
        memory.writeLong(address + 88, stat.ino());
    }

    private static void writeTime(Memory memory, int address, long millis) {
        memory.writeLong(address, Math.floorDiv(millis, 1000));
        memory.writeI32(address + 8, (int) (Math.floorMod(millis, 1000) * 1_000_000));
    }
}
