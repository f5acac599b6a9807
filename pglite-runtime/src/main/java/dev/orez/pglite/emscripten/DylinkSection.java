package dev.orez.pglite.emscripten;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The {@code dylink.0} custom section a side module starts with: how much memory and table it needs. */
record DylinkSection(int memorySize, int memoryAlignment, int tableSize) {
    private static final int SUBSECTION_MEM_INFO = 1;
    private static final int SUBSECTION_NEEDED = 2;

    static DylinkSection parse(byte[] module, String name) {
        ByteBuffer in = ByteBuffer.wrap(module);
        in.position(8); // magic + version
        if (in.get() != 0) {
            throw new IllegalArgumentException(name + " is not a side module: it does not start with dylink.0");
        }
        int end = readU32(in) + in.position();
        byte[] sectionName = new byte[readU32(in)];
        in.get(sectionName);
        if (!new String(sectionName, StandardCharsets.UTF_8).equals("dylink.0")) {
            throw new IllegalArgumentException(name + " is not a side module: its first section is not dylink.0");
        }
        int memorySize = 0;
        int memoryAlignment = 0;
        int tableSize = 0;
        while (in.position() < end) {
            int type = in.get() & 0xff;
            int length = readU32(in);
            int next = in.position() + length;
            if (type == SUBSECTION_MEM_INFO) {
                memorySize = readU32(in);
                memoryAlignment = 1 << readU32(in);
                tableSize = readU32(in);
            } else if (type == SUBSECTION_NEEDED && readU32(in) > 0) {
                throw new IllegalArgumentException(name + " needs other shared libraries, which is not supported");
            }
            in.position(next);
        }
        return new DylinkSection(memorySize, memoryAlignment, tableSize);
    }

    private static int readU32(ByteBuffer in) {
        int result = 0;
        int shift = 0;
        byte b;
        do {
            b = in.get();
            result |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return result;
    }
}
