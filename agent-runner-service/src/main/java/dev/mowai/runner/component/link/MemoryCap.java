package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Leb128;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and rewrites the limits of the linear memories and tables a core module defines (GraalWasm has
 * no memory limit of its own; {@code memory.grow} and {@code table.grow} beyond the declared maximum
 * fail in the guest). Imported memories and tables are left alone: they are capped where they are
 * defined. {@link MemoryPlan} decides the maxima over all modules of a component.
 */
final class MemoryCap {
    private static final int TABLE_SECTION = 4;
    private static final int MEMORY_SECTION = 5;

    private MemoryCap() {
    }

    /** A defined memory's or table's limits: minimum and declared maximum (-1: none), in pages or elements. */
    record Limit(long min, long max) {
        boolean hasMax() {
            return max >= 0;
        }
    }

    /** What a module defines: its memories and tables, in index order. */
    record Defined(List<Limit> memories, List<Limit> tables) {
    }

    /** The maximum each defined memory (pages) and table (elements) gets, in index order. */
    record Caps(long[] memoryPages, long[] tableElements) {
        String key() {
            return java.util.Arrays.toString(memoryPages) + java.util.Arrays.toString(tableElements);
        }
    }

    static Defined read(byte[] module, int start, int length, String moduleName) {
        List<Limit> memories = new ArrayList<>();
        List<Limit> tables = new ArrayList<>();
        int pos = start + 8;
        int moduleEnd = start + length;
        while (pos < moduleEnd) {
            int sectionStart = pos;
            int id = module[pos++] & 0xff;
            long[] size = leb(module, pos, moduleEnd, moduleName);
            pos = (int) size[1];
            long end = pos + size[0];
            if (end > moduleEnd) {
                throw new LinkException(moduleName + ": section " + id + " at byte " + (sectionStart - start) + " runs past the end");
            }
            if (id == MEMORY_SECTION) {
                memories = limits(module, pos, (int) end, false, moduleName);
            } else if (id == TABLE_SECTION) {
                tables = limits(module, pos, (int) end, true, moduleName);
            }
            pos = (int) end;
        }
        return new Defined(memories, tables);
    }

    /**
     * The module with every defined memory's and table's maximum set to {@code caps}; the same array when
     * nothing needed rewriting.
     */
    static byte[] apply(byte[] module, Caps caps, String moduleName) {
        int pos = 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 32);
        int copied = 0;
        boolean changed = false;
        while (pos < module.length) {
            int sectionStart = pos;
            int id = module[pos++] & 0xff;
            long[] size = leb(module, pos, module.length, moduleName);
            pos = (int) size[1];
            int end = (int) (pos + size[0]);
            if (id == MEMORY_SECTION || id == TABLE_SECTION) {
                boolean table = id == TABLE_SECTION;
                byte[] body = rewrite(module, pos, end, table ? caps.tableElements() : caps.memoryPages(), table, moduleName);
                if (!java.util.Arrays.equals(body, 0, body.length, module, pos, end)) {
                    out.write(module, copied, sectionStart - copied);
                    out.write(id);
                    Leb128.writeUnsigned(out, body.length);
                    out.writeBytes(body);
                    copied = end;
                    changed = true;
                }
            }
            pos = end;
        }
        if (!changed) {
            return module;
        }
        out.write(module, copied, module.length - copied);
        return out.toByteArray();
    }

    private static List<Limit> limits(byte[] m, int pos, int end, boolean table, String moduleName) {
        long[] count = leb(m, pos, end, moduleName);
        pos = (int) count[1];
        List<Limit> limits = new ArrayList<>();
        for (long i = 0; i < count[0]; i++) {
            Entry e = entry(m, pos, end, table, moduleName);
            limits.add(new Limit(e.min, e.max));
            pos = e.next;
        }
        if (pos != end) {
            throw new LinkException(moduleName + ": malformed " + (table ? "table" : "memory") + " section");
        }
        return limits;
    }

    private static byte[] rewrite(byte[] m, int pos, int end, long[] maxima, boolean table, String moduleName) {
        long[] count = leb(m, pos, end, moduleName);
        pos = (int) count[1];
        if (count[0] != maxima.length) {
            throw new IllegalStateException(moduleName + ": " + count[0] + " entries, " + maxima.length + " caps");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned(out, count[0]);
        for (int i = 0; i < maxima.length; i++) {
            Entry e = entry(m, pos, end, table, moduleName);
            if (table) {
                out.write(m[pos]);
            }
            out.write(e.flags | 0x01);
            Leb128.writeUnsigned(out, e.min);
            Leb128.writeUnsigned(out, maxima[i]);
            pos = e.next;
        }
        return out.toByteArray();
    }

    private record Entry(int flags, long min, long max, int next) {
    }

    private static Entry entry(byte[] m, int pos, int end, boolean table, String moduleName) {
        if (table) {
            if (pos >= end) {
                throw new LinkException(moduleName + ": truncated table section");
            }
            int refType = m[pos++] & 0xff;
            if (refType == 0x40) {
                throw new LinkException(moduleName + ": tables with an initialiser expression are not supported");
            }
        }
        if (pos >= end) {
            throw new LinkException(moduleName + ": truncated " + (table ? "table" : "memory") + " section");
        }
        int flags = m[pos++] & 0xff;
        if ((flags & 0x04) != 0) {
            throw new LinkException(moduleName + ": 64-bit " + (table ? "tables" : "memories") + " are not supported");
        }
        long[] min = leb(m, pos, end, moduleName);
        pos = (int) min[1];
        long max = -1;
        if ((flags & 0x01) != 0) {
            long[] mx = leb(m, pos, end, moduleName);
            pos = (int) mx[1];
            max = mx[0];
        }
        return new Entry(flags, min[0], max, pos);
    }

    /** Reads an unsigned LEB128 (at most 5 bytes) before {@code end}; returns {value, next position}. */
    private static long[] leb(byte[] m, int pos, int end, String moduleName) {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= end) {
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
