package dev.mowai.arena.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Puts WebSocket data frames of one connection back into messages, bounded, and decodes text
 * strictly: invalid UTF-8 is refused (RFC 6455 close 1007) instead of being replaced by U+FFFD as
 * a lenient decoder would. One instance per connection, fed in frame order from one thread.
 */
public final class TextAssembler {

    public enum Kind { TEXT, BINARY, CONTINUATION }

    public sealed interface Result {
        /** The message goes on in a later frame. */
        record More() implements Result {
        }

        record Text(String text) implements Result {
        }

        /** A binary message (reported once, at its first frame; the rest is dropped unread). */
        record Binary() implements Result {
        }

        /** Close with {@code code} (1002 protocol error, 1007 invalid UTF-8, 1009 too big) and this reason. */
        record Close(int code, String reason) implements Result {
        }
    }

    private final int maxBytes;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private boolean inText;
    private boolean inBinary;

    public TextAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Result frame(Kind kind, boolean fin, byte[] payload) {
        switch (kind) {
            case TEXT, BINARY -> {
                if (inText || inBinary) {
                    return new Result.Close(1002, "a new message began before the last one ended");
                }
                if (kind == Kind.BINARY) {
                    inBinary = !fin;
                    return new Result.Binary();
                }
                inText = true;
            }
            case CONTINUATION -> {
                if (inBinary) {
                    inBinary = !fin;
                    return new Result.More();
                }
                if (!inText) {
                    return new Result.Close(1002, "a continuation frame without a message");
                }
            }
        }
        if (text.size() + payload.length > maxBytes) {
            return new Result.Close(1009, "message too big: the socket limit is " + maxBytes + " bytes, the protocol limit "
                    + Limits.FRAME_BYTES);
        }
        text.writeBytes(payload);
        if (!fin) {
            return new Result.More();
        }
        inText = false;
        byte[] bytes = text.toByteArray();
        text.reset();
        try {
            return new Result.Text(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return new Result.Close(1007, "text frame is not valid UTF-8");
        }
    }
}
