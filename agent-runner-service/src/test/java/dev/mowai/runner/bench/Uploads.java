package dev.mowai.runner.bench;

import dev.mowai.runner.component.binary.Leb128;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Makes "new uploads" of one component: every top-level core module gets a custom section
 * {@code mowai-bench} carrying a number appended, so its bytes (and content hash) differ while its
 * code stays the same. That is what a participant's next build looks like to the runtime: no module
 * cache can serve it. bench-agent.mjs does the same to the core modules jco extracted.
 */
final class Uploads {
    private static final int CORE_MODULE_SECTION = 1;
    private static final byte[] NAME = "mowai-bench".getBytes(StandardCharsets.UTF_8);

    private Uploads() {
    }

    static byte[] fresh(byte[] component, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(component.length + 64);
        out.write(component, 0, 8); // preamble
        int pos = 8;
        while (pos < component.length) {
            int id = component[pos] & 0xff;
            long[] size = leb(component, pos + 1);
            int body = (int) size[1];
            int end = body + (int) size[0];
            if (id == CORE_MODULE_SECTION) {
                byte[] custom = customSection(n);
                out.write(id);
                Leb128.writeUnsigned(out, (long) (end - body) + custom.length);
                out.write(component, body, end - body);
                out.writeBytes(custom);
            } else {
                out.write(component, pos, end - pos);
            }
            pos = end;
        }
        return out.toByteArray();
    }

    private static byte[] customSection(int n) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(NAME.length);
        body.writeBytes(NAME);
        for (int shift = 0; shift < 32; shift += 8) {
            body.write(n >>> shift);
        }
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.write(0);
        Leb128.writeUnsigned(section, body.size());
        section.writeBytes(body.toByteArray());
        return section.toByteArray();
    }

    /** Unsigned LEB128 at {@code pos}: {value, next position}. */
    private static long[] leb(byte[] b, int pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return new long[] {v, pos};
            }
        }
    }
}
