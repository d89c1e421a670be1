package dev.mowai.runner.component.abi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings in guest memory: validating decoders (never repairing) and the spec's store algorithms,
 * with the host's Java string as the UTF-16 source.
 */
final class Strings {
    static final long UTF16_TAG = 1L << 31;
    static final long MAX_STRING_BYTE_LENGTH = (1L << 31) - 1;

    private Strings() {}

    /** A string's place and tagged length in guest memory. */
    record Stored(long ptr, long taggedCodeUnits) {}

    static String load(CanonOptions opts, Budget budget, long ptr, long taggedCodeUnits) {
        GuestMemory mem = Lifter.memory(opts, "string");
        int alignment;
        long byteLength;
        boolean utf16;
        switch (opts.encoding()) {
            case UTF8 -> {
                alignment = 1;
                byteLength = taggedCodeUnits;
                utf16 = false;
            }
            case UTF16 -> {
                alignment = 2;
                byteLength = 2 * taggedCodeUnits;
                utf16 = true;
            }
            default -> {
                alignment = 2;
                utf16 = (taggedCodeUnits & UTF16_TAG) != 0;
                byteLength = utf16 ? 2 * (taggedCodeUnits ^ UTF16_TAG) : taggedCodeUnits;
            }
        }
        if (ptr % alignment != 0) {
            throw new Trap("string pointer 0x" + Long.toHexString(ptr) + " is not " + alignment + "-byte aligned");
        }
        if (ptr + byteLength > mem.size()) {
            throw new Trap("string of " + byteLength + " bytes at 0x" + Long.toHexString(ptr)
                    + " ends beyond guest memory (" + mem.size() + " bytes)");
        }
        budget.string(byteLength);
        byte[] bytes = new byte[(int) byteLength];
        mem.read(ptr, bytes, 0, bytes.length);
        return switch (opts.encoding()) {
            case UTF8 -> decodeUtf8(bytes, ptr);
            case UTF16 -> decodeUtf16(bytes, ptr);
            case LATIN1_UTF16 -> utf16 ? decodeUtf16(bytes, ptr) : new String(bytes, StandardCharsets.ISO_8859_1);
        };
    }

    static String decodeUtf8(byte[] bytes, long ptr) {
        // Fast path: pure ASCII is always valid.
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new Trap("invalid utf-8 in string at 0x" + Long.toHexString(ptr) + ": byte " + in.position()
                    + " of " + bytes.length + " (0x" + String.format("%02x", bytes[in.position()] & 0xff) + ")");
        }
        r = decoder.flush(out);
        if (r.isError()) {
            throw new Trap("invalid utf-8 in string at 0x" + Long.toHexString(ptr) + ": truncated sequence at the end");
        }
        out.flip();
        return out.toString();
    }

    static String decodeUtf16(byte[] bytes, long ptr) {
        char[] chars = new char[bytes.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8);
        }
        int bad = firstUnpairedSurrogate(chars);
        if (bad >= 0) {
            throw new Trap("invalid utf-16 in string at 0x" + Long.toHexString(ptr) + ": unpaired surrogate 0x"
                    + Integer.toHexString(chars[bad]) + " at code unit " + bad);
        }
        return new String(chars);
    }

    /** Index of the first unpaired surrogate, or -1 when the text is valid UTF-16. */
    static int firstUnpairedSurrogate(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstUnpairedSurrogate(char[] chars) {
        return firstUnpairedSurrogate(CharBuffer.wrap(chars));
    }

    /** The string's byte length in the guest's encoding (what the boundary caps count). */
    static long guestByteLength(String s, StringEncoding encoding) {
        return switch (encoding) {
            case UTF8 -> utf8Length(s);
            case UTF16 -> 2L * s.length();
            case LATIN1_UTF16 -> isLatin1(s) ? s.length() : 2L * s.length();
        };
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Stores a (validated) host string in the guest's encoding, allocating with the guest's realloc. */
    static Stored store(CanonOptions opts, String s) {
        return switch (opts.encoding()) {
            case UTF8 -> storeUtf16ToUtf8(opts, s);
            case UTF16 -> storeUtf16ToUtf16(opts, s);
            case LATIN1_UTF16 -> storeProbablyUtf16ToLatin1OrUtf16(opts, s);
        };
    }

    /**
     * Optimistically allocates one byte per code unit and copies while the text is ASCII; at the first
     * other code point grows to the worst case (3 bytes per UTF-16 unit), then shrinks to fit.
     */
    private static Stored storeUtf16ToUtf8(CanonOptions opts, String s) {
        long units = s.length();
        long worstCase = 3 * units;
        int firstNonAscii = -1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                firstNonAscii = i;
                break;
            }
        }
        long ptr = realloc(opts, 0, 0, 1, units);
        checkRange(opts, ptr, units);
        GuestMemory mem = opts.memory();
        if (firstNonAscii < 0) {
            mem.write(ptr, s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
            return new Stored(ptr, units);
        }
        if (firstNonAscii > 0) {
            mem.write(ptr, s.substring(0, firstNonAscii).getBytes(StandardCharsets.ISO_8859_1), 0, firstNonAscii);
        }
        if (worstCase > MAX_STRING_BYTE_LENGTH) {
            throw new Trap("string of " + units + " code units may need " + worstCase
                    + " utf-8 bytes, more than the canonical ABI's maximum " + MAX_STRING_BYTE_LENGTH);
        }
        ptr = realloc(opts, ptr, units, 1, worstCase);
        checkRange(opts, ptr, worstCase);
        byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
        mem.write(ptr + firstNonAscii, encoded, firstNonAscii, encoded.length - firstNonAscii);
        if (worstCase > encoded.length) {
            ptr = realloc(opts, ptr, worstCase, 1, encoded.length);
            checkRange(opts, ptr, encoded.length);
        }
        return new Stored(ptr, encoded.length);
    }

    private static Stored storeUtf16ToUtf16(CanonOptions opts, String s) {
        return new Stored(writeUtf16(opts, s), s.length());
    }

    /**
     * Allocates for UTF-16 and copies; if every code point turned out to be Latin-1, deflates in place
     * and shrinks the block, as the spec does for a UTF-16 source.
     */
    private static Stored storeProbablyUtf16ToLatin1OrUtf16(CanonOptions opts, String s) {
        long ptr = writeUtf16(opts, s);
        if (!isLatin1(s)) {
            return new Stored(ptr, s.length() | UTF16_TAG);
        }
        // Deflate in place: the low byte of each code unit just written, i.e. the Latin-1 bytes.
        int latin1Size = s.length();
        opts.memory().write(ptr, s.getBytes(StandardCharsets.ISO_8859_1), 0, latin1Size);
        ptr = realloc(opts, ptr, 2L * latin1Size, 1, latin1Size);
        checkRange(opts, ptr, latin1Size);
        return new Stored(ptr, latin1Size);
    }

    /** Allocates two bytes per code unit (2-aligned) and copies the string there as UTF-16LE. */
    private static long writeUtf16(CanonOptions opts, String s) {
        long byteLength = 2L * s.length();
        if (byteLength > MAX_STRING_BYTE_LENGTH) {
            throw new Trap("string of " + byteLength + " utf-16 bytes exceeds the canonical ABI's maximum "
                    + MAX_STRING_BYTE_LENGTH);
        }
        long ptr = realloc(opts, 0, 0, 2, byteLength);
        checkAligned(ptr, 2);
        checkRange(opts, ptr, byteLength);
        opts.memory().write(ptr, s.getBytes(StandardCharsets.UTF_16LE), 0, (int) byteLength);
        return ptr;
    }

    static long realloc(CanonOptions opts, long originalPtr, long originalSize, int alignment, long newSize) {
        Realloc realloc = opts.realloc();
        if (realloc == null) {
            throw new Trap("the component gave no realloc canon option, but a string or list must be passed in");
        }
        return Integer.toUnsignedLong(realloc.realloc((int) originalPtr, (int) originalSize, alignment, (int) newSize));
    }

    static void checkAligned(long ptr, int alignment) {
        if (ptr % alignment != 0) {
            throw new Trap("realloc returned 0x" + Long.toHexString(ptr) + ", not " + alignment + "-byte aligned");
        }
    }

    static void checkRange(CanonOptions opts, long ptr, long length) {
        GuestMemory mem = Lifter.memory(opts, "string or list");
        if (ptr + length > mem.size()) {
            throw new Trap("realloc returned 0x" + Long.toHexString(ptr) + " for " + length
                    + " bytes, beyond guest memory (" + mem.size() + " bytes)");
        }
    }
}
