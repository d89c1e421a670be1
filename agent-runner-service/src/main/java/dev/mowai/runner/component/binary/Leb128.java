package dev.mowai.runner.component.binary;

import java.io.ByteArrayOutputStream;

/** Writes the unsigned LEB128 integers of the wasm binary formats (for code that rewrites binaries). */
public final class Leb128 {
    private Leb128() {
    }

    public static void writeUnsigned(ByteArrayOutputStream out, long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
