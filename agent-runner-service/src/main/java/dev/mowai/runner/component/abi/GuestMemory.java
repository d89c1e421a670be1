package dev.mowai.runner.component.abi;

/**
 * A view of one guest linear memory. Multi-byte accesses are little-endian. Addresses are unsigned
 * byte offsets; an access that does not fit in {@code [0, size())} throws {@link Trap}.
 */
public interface GuestMemory {

    byte load8(long addr);

    short load16(long addr);

    int load32(long addr);

    long load64(long addr);

    void store8(long addr, byte value);

    void store16(long addr, short value);

    void store32(long addr, int value);

    void store64(long addr, long value);

    /** Copies {@code len} bytes starting at guest address {@code addr} into {@code dst[off..off+len)}. */
    void read(long addr, byte[] dst, int off, int len);

    /** Copies {@code src[off..off+len)} into guest memory starting at {@code addr}. */
    void write(long addr, byte[] src, int off, int len);

    /** Current size in bytes (memories can grow between calls, so ask each time). */
    long size();
}
