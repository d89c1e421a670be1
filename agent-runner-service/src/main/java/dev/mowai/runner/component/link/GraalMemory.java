package dev.mowai.runner.component.link;

import dev.mowai.runner.component.abi.GuestMemory;
import dev.mowai.runner.component.abi.Trap;
import java.nio.ByteOrder;
import org.graalvm.polyglot.Value;

/** {@link GuestMemory} over a GraalWasm memory object (a polyglot buffer). */
final class GraalMemory implements GuestMemory {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final Value memory;

    GraalMemory(Value memory) {
        if (!memory.hasBufferElements()) {
            throw new IllegalArgumentException("not a memory: " + memory);
        }
        this.memory = memory;
    }

    private long check(long addr, long len) {
        long size = memory.getBufferSize();
        if (addr < 0 || len < 0 || addr > size - len) {
            throw new Trap("out-of-bounds memory access: " + len + " bytes at address " + Long.toUnsignedString(addr)
                    + " (memory size " + size + ")");
        }
        return addr;
    }

    @Override
    public byte load8(long addr) {
        return memory.readBufferByte(check(addr, 1));
    }

    @Override
    public short load16(long addr) {
        return memory.readBufferShort(LE, check(addr, 2));
    }

    @Override
    public int load32(long addr) {
        return memory.readBufferInt(LE, check(addr, 4));
    }

    @Override
    public long load64(long addr) {
        return memory.readBufferLong(LE, check(addr, 8));
    }

    @Override
    public void store8(long addr, byte value) {
        memory.writeBufferByte(check(addr, 1), value);
    }

    @Override
    public void store16(long addr, short value) {
        memory.writeBufferShort(LE, check(addr, 2), value);
    }

    @Override
    public void store32(long addr, int value) {
        memory.writeBufferInt(LE, check(addr, 4), value);
    }

    @Override
    public void store64(long addr, long value) {
        memory.writeBufferLong(LE, check(addr, 8), value);
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        memory.readBuffer(check(addr, len), dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        check(addr, len);
        int i = 0;
        // 8 bytes per call: the polyglot API has no bulk write
        for (; i + 8 <= len; i += 8) {
            long v = (src[off + i] & 0xffL) | (src[off + i + 1] & 0xffL) << 8 | (src[off + i + 2] & 0xffL) << 16
                    | (src[off + i + 3] & 0xffL) << 24 | (src[off + i + 4] & 0xffL) << 32
                    | (src[off + i + 5] & 0xffL) << 40 | (src[off + i + 6] & 0xffL) << 48
                    | (src[off + i + 7] & 0xffL) << 56;
            memory.writeBufferLong(LE, addr + i, v);
        }
        for (; i < len; i++) {
            memory.writeBufferByte(addr + i, src[off + i]);
        }
    }

    @Override
    public long size() {
        return memory.getBufferSize();
    }
}
