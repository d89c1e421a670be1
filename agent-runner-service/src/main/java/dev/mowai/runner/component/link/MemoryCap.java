package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Leb128;
import java.io.ByteArrayOutputStream;

/**
 * Caps the linear memories a core module defines by rewriting their declared maximum (GraalWasm has
 * no memory limit of its own; {@code memory.grow} beyond the declared maximum fails in the guest).
 * Imported memories are left alone: they are capped where they are defined.
 */
final class MemoryCap {
    private static final int MEMORY_SECTION = 5;

    private MemoryCap() {
    }

    /**
     * The module with every defined memory's maximum at most {@code maxPages}; the same array when
     * nothing needed rewriting.
     *
     * @throws LinkException when a memory's minimum is above the cap, or the module is malformed
     */
    static byte[] apply(byte[] module, int maxPages, String moduleName) {
        int pos = 8;
        while (pos < module.length) {
            int sectionStart = pos;
            int id = module[pos++] & 0xff;
            long[] size = leb(module, pos, moduleName);
            pos = (int) size[1];
            long end = pos + size[0];
            if (end > module.length) {
                throw new LinkException(moduleName + ": section " + id + " at byte " + sectionStart + " runs past the end");
            }
            if (id == MEMORY_SECTION) {
                byte[] body = rewrite(module, pos, (int) end, maxPages, moduleName);
                if (body == null) {
                    return module;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 16);
                out.write(module, 0, sectionStart);
                out.write(MEMORY_SECTION);
                Leb128.writeUnsigned(out, body.length);
                out.writeBytes(body);
                out.write(module, (int) end, module.length - (int) end);
                return out.toByteArray();
            }
            pos = (int) end;
        }
        return module;
    }

    /** The new memory section body, or null when every memory already fits. */
    private static byte[] rewrite(byte[] m, int pos, int end, int maxPages, String moduleName) {
        long[] count = leb(m, pos, moduleName);
        pos = (int) count[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned(out, count[0]);
        boolean changed = false;
        for (long i = 0; i < count[0]; i++) {
            if (pos >= end) {
                throw new LinkException(moduleName + ": truncated memory section");
            }
            int flags = m[pos++] & 0xff;
            if ((flags & 0x04) != 0) {
                throw new LinkException(moduleName + ": 64-bit memories are not supported");
            }
            long[] min = leb(m, pos, moduleName);
            pos = (int) min[1];
            long max = -1;
            if ((flags & 0x01) != 0) {
                long[] mx = leb(m, pos, moduleName);
                pos = (int) mx[1];
                max = mx[0];
            }
            if (min[0] > maxPages) {
                throw new LinkException(moduleName + ": memory " + i + " needs at least " + min[0] + " pages ("
                        + (min[0] * RuntimeLimits.PAGE >> 20) + " MiB), above the limit of " + maxPages + " pages ("
                        + ((long) maxPages * RuntimeLimits.PAGE >> 20) + " MiB)");
            }
            if (max < 0 || max > maxPages) {
                changed = true;
                max = maxPages;
            }
            out.write(flags | 0x01);
            Leb128.writeUnsigned(out, min[0]);
            Leb128.writeUnsigned(out, max);
        }
        if (pos != end) {
            throw new LinkException(moduleName + ": malformed memory section");
        }
        return changed ? out.toByteArray() : null;
    }

    /** Reads an unsigned LEB128 (at most 5 bytes); returns {value, next position}. */
    private static long[] leb(byte[] m, int pos, String moduleName) {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= m.length) {
                throw new LinkException(moduleName + ": truncated integer at byte " + pos);
            }
            int b = m[pos++] & 0xff;
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return new long[] {v, pos};
            }
        }
        throw new LinkException(moduleName + ": integer too long at byte " + pos);
    }
}
