package dev.mowai.runner.component.wasi;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A guest's stdout or stderr as log lines: bytes are collected up to a newline (or the line-length
 * cap) and each line goes to the log at the channel's level, through the instance's rate limiter.
 * A guest's flush does not end a line (toolchains write one line in several flushed pieces); a
 * partial line is delivered when the host ends it with {@link #flush} (end of the export call,
 * exit, or the stream's handle dropped). Invalid UTF-8 becomes U+FFFD; a trailing CR is removed.
 */
final class LogChannel {
    private final String level;
    private final WasiLog log;
    private final LogLimiter limiter;
    private final byte[] line;
    private int length;

    LogChannel(String level, WasiLog log, LogLimiter limiter, int maxLineBytes) {
        this.level = level;
        this.log = log;
        this.limiter = limiter;
        this.line = new byte[maxLineBytes];
    }

    void write(byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            if (b == '\n') {
                emit(length);
            } else {
                if (length == line.length) {
                    emit(cutPoint());
                }
                line[length++] = b;
            }
        }
    }

    void writeZeroes(long count) {
        byte[] zeros = new byte[(int) Math.min(count, 4096)];
        for (long left = count; left > 0; left -= zeros.length) {
            write(zeros, 0, (int) Math.min(left, zeros.length));
        }
    }

    /** Delivers a pending partial line. */
    void flush() {
        if (length > 0) {
            emit(length);
        }
    }

    /** Where to cut a full line without splitting a UTF-8 sequence. */
    private int cutPoint() {
        int cut = length;
        int back = 0;
        while (back < 3 && cut > 0 && (line[cut - 1] & 0xC0) == 0x80) {
            cut--;
            back++;
        }
        if (cut > 0 && (line[cut - 1] & 0xC0) == 0xC0) {
            cut--; // the lead byte of the sequence moves to the next piece too
        } else {
            cut = length; // not inside a multi-byte sequence: cut at the end
        }
        return cut == 0 ? length : cut;
    }

    /** Logs the first {@code n} bytes as one line and keeps the rest. */
    private void emit(int n) {
        int end = n;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        String text = decode(end);
        limiter.offer(log, level, text, end);
        System.arraycopy(line, n, line, 0, length - n);
        length -= n;
    }

    private String decode(int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(line, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
