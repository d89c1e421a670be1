package dev.mowai.runner.component.abi;

import java.util.ArrayList;
import java.util.List;

/** A {@link GuestMemory} over a byte[] with a bump allocator as the guest's realloc, for tests. */
final class ByteArrayMemory implements GuestMemory {
    final byte[] bytes;
    /** Next free address of the bump allocator; starts after a guard area so 0 is never handed out. */
    int top = 16;
    /** Every realloc call as {originalPtr, originalSize, alignment, newSize, result}. */
    final List<int[]> reallocCalls = new ArrayList<>();

    ByteArrayMemory(int size) {
        this.bytes = new byte[size];
    }

    /** Realloc with the guest semantics: a new block, the old contents copied up to the smaller size. */
    final Realloc realloc = this::bump;

    private int bump(int originalPtr, int originalSize, int alignment, int newSize) {
        int ptr = (int) Layout.alignTo(top, alignment);
        if ((long) ptr + newSize > bytes.length) {
            throw new Trap("test allocator out of memory");
        }
        if (originalPtr != 0) {
            System.arraycopy(bytes, originalPtr, bytes, ptr, Math.min(originalSize, newSize));
        }
        top = ptr + newSize;
        reallocCalls.add(new int[] {originalPtr, originalSize, alignment, newSize, ptr});
        return ptr;
    }

    CanonOptions options(StringEncoding encoding) {
        return new CanonOptions(encoding, this, realloc);
    }

    private void check(long addr, long len) {
        if (addr < 0 || addr + len > bytes.length) {
            throw new Trap("out of bounds memory access: " + len + " bytes at " + addr);
        }
    }

    @Override
    public byte load8(long addr) {
        check(addr, 1);
        return bytes[(int) addr];
    }

    @Override
    public short load16(long addr) {
        check(addr, 2);
        int a = (int) addr;
        return (short) ((bytes[a] & 0xff) | (bytes[a + 1] & 0xff) << 8);
    }

    @Override
    public int load32(long addr) {
        check(addr, 4);
        int a = (int) addr;
        return (bytes[a] & 0xff) | (bytes[a + 1] & 0xff) << 8 | (bytes[a + 2] & 0xff) << 16 | (bytes[a + 3] & 0xff) << 24;
    }

    @Override
    public long load64(long addr) {
        return Integer.toUnsignedLong(load32(addr)) | (long) load32(addr + 4) << 32;
    }

    @Override
    public void store8(long addr, byte value) {
        check(addr, 1);
        bytes[(int) addr] = value;
    }

    @Override
    public void store16(long addr, short value) {
        check(addr, 2);
        bytes[(int) addr] = (byte) value;
        bytes[(int) addr + 1] = (byte) (value >> 8);
    }

    @Override
    public void store32(long addr, int value) {
        check(addr, 4);
        for (int i = 0; i < 4; i++) {
            bytes[(int) addr + i] = (byte) (value >> (8 * i));
        }
    }

    @Override
    public void store64(long addr, long value) {
        store32(addr, (int) value);
        store32(addr + 4, (int) (value >> 32));
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        check(addr, len);
        System.arraycopy(bytes, (int) addr, dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        check(addr, len);
        System.arraycopy(src, off, bytes, (int) addr, len);
    }

    @Override
    public long size() {
        return bytes.length;
    }
}
