package dev.mowai.runner.component.types;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The elements of a {@code list<u8>} or {@code list<s8>} held as one byte array: one byte of heap per
 * element instead of one {@link Val} object (~20 bytes) each. Immutable; it reads as a list of
 * {@link Val.U8} (or {@link Val.S8}), so it equals any list of the same values.
 */
public final class ByteList extends AbstractList<Val> implements RandomAccess {
    private static final Val.U8[] U8 = new Val.U8[256];
    private static final Val.S8[] S8 = new Val.S8[256];

    static {
        for (int i = 0; i < 256; i++) {
            U8[i] = new Val.U8(i);
            S8[i] = new Val.S8((byte) i);
        }
    }

    private final byte[] bytes;
    private final boolean signed;

    private ByteList(byte[] bytes, boolean signed) {
        this.bytes = bytes;
        this.signed = signed;
    }

    /** A {@code list<u8>} of a copy-free array that the caller gives up. */
    public static ByteList unsigned(byte[] bytes) {
        return new ByteList(bytes, false);
    }

    public static ByteList signed(byte[] bytes) {
        return new ByteList(bytes, true);
    }

    public boolean isSigned() {
        return signed;
    }

    @Override
    public Val get(int index) {
        int b = bytes[index] & 0xff;
        return signed ? S8[b] : U8[b];
    }

    @Override
    public int size() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Writes the bytes to {@code sink} without copying them first. */
    public void writeTo(Sink sink) {
        sink.write(bytes, 0, bytes.length);
    }

    /** Where {@link #writeTo} puts the bytes. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] src, int offset, int length);
    }
}
