package dev.mowai.runner.component.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked cursor over a byte array. Every length read from the input is checked against the
 * bytes that remain before anything is allocated, so a hostile size cannot cause a large allocation.
 */
final class BinaryReader {
    private final byte[] bytes;
    private int pos;
    private int end;
    private String section = "preamble";

    BinaryReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    byte[] array() {
        return bytes;
    }

    int pos() {
        return pos;
    }

    int end() {
        return end;
    }

    int remaining() {
        return end - pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    String section() {
        return section;
    }

    void section(String name) {
        this.section = name;
    }

    /** Restrict reading to {@code [pos, newEnd)}; returns the previous end to restore. */
    int limit(int newEnd) {
        int old = end;
        end = newEnd;
        return old;
    }

    void skipTo(int newPos) {
        pos = newPos;
    }

    ComponentFormatException error(String what) {
        return new ComponentFormatException(what, section, pos);
    }

    ComponentFormatException errorAt(String what, long offset) {
        return new ComponentFormatException(what, section, offset);
    }

    int u8() {
        if (pos >= end) {
            throw error("unexpected end of data");
        }
        return bytes[pos++] & 0xff;
    }

    int peek() {
        if (pos >= end) {
            throw error("unexpected end of data");
        }
        return bytes[pos] & 0xff;
    }

    /** Unsigned LEB128, at most 5 bytes, value below 2^32 (returned as int; callers treat > MAX_VALUE as too big). */
    long u32Long() {
        int start = pos;
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28 && (b & 0x70) != 0) {
                throw errorAt("integer too large for u32", start);
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift == 28) {
                throw errorAt("integer representation too long", start);
            }
        }
    }

    /** A u32 used as an index or count; values above Integer.MAX_VALUE cannot be valid here. */
    int u32() {
        int start = pos;
        long v = u32Long();
        if (v > Integer.MAX_VALUE) {
            throw errorAt("index or size " + v + " out of range", start);
        }
        return (int) v;
    }

    /** Unsigned LEB128 up to 64 bits (memory64 limits). */
    long u64() {
        int start = pos;
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 63 && (b & 0x7e) != 0) {
                throw errorAt("integer too large for u64", start);
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift == 63) {
                throw errorAt("integer representation too long", start);
            }
        }
    }

    /** Signed LEB128 of at most 33 bits (type indices vs negative type opcodes). */
    long s33() {
        int start = pos;
        long result = 0;
        int shift = 0;
        int b;
        do {
            if (shift >= 35) {
                throw errorAt("integer representation too long", start);
            }
            b = u8();
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        if (result < -(1L << 32) || result >= (1L << 32)) {
            throw errorAt("integer too large for s33", start);
        }
        return result;
    }

    /** A vector length: each element takes at least one byte, so a count above the remaining bytes is malformed. */
    int count(String what) {
        int start = pos;
        int n = u32();
        if (n > remaining()) {
            throw errorAt(what + " count " + n + " exceeds the " + remaining() + " bytes left", start);
        }
        return n;
    }

    /** A length-prefixed UTF-8 string, validated strictly. */
    String name() {
        int start = pos;
        int len = u32();
        if (len > remaining()) {
            throw errorAt("name length " + len + " exceeds the " + remaining() + " bytes left", start);
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw errorAt("name is not valid UTF-8", start);
        }
    }

    void expect(int value, String what) {
        int start = pos;
        int b = u8();
        if (b != value) {
            throw errorAt(String.format("expected %s (0x%02x), found 0x%02x", what, value, b), start);
        }
    }
}
