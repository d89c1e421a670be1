package dev.mowai.arena.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mowai.arena.protocol.TextAssembler.Kind;
import dev.mowai.arena.protocol.TextAssembler.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextAssemblerTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validTextInOneOrManyFrames() {
        TextAssembler t = new TextAssembler(64);
        assertEquals(new Result.Text("héllo"), t.frame(Kind.TEXT, true, utf8("héllo")));
        byte[] e = utf8("é"); // a character split across two frames is fine
        assertInstanceOf(Result.More.class, t.frame(Kind.TEXT, false, new byte[] {'a', e[0]}));
        assertEquals(new Result.Text("aé"), t.frame(Kind.CONTINUATION, true, new byte[] {e[1]}));
        assertEquals(new Result.Text("\uFFFD"), t.frame(Kind.TEXT, true, utf8("\uFFFD")), "a real U+FFFD is valid");
    }

    @Test
    void invalidUtf8Is1007() {
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF} /* overlong */,
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80} /* a surrogate */, {'x', (byte) 0xE2, (byte) 0x82} /* cut short */}) {
            assertEquals(new Result.Close(1007, "text frame is not valid UTF-8"), new TextAssembler(64).frame(Kind.TEXT, true, bad));
        }
    }

    @Test
    void binaryMessagesAreReportedOnceAndTheirContinuationsSkipped() {
        TextAssembler t = new TextAssembler(4);
        assertInstanceOf(Result.Binary.class, t.frame(Kind.BINARY, false, new byte[10]));
        assertInstanceOf(Result.More.class, t.frame(Kind.CONTINUATION, true, new byte[10]));
        assertEquals(new Result.Text("ok"), t.frame(Kind.TEXT, true, utf8("ok")));
    }

    @Test
    void messagesAreBoundedAndFramedInOrder() {
        TextAssembler t = new TextAssembler(4);
        assertInstanceOf(Result.More.class, t.frame(Kind.TEXT, false, utf8("abc")));
        assertEquals(1009, ((Result.Close) t.frame(Kind.CONTINUATION, false, utf8("de"))).code());
        assertEquals(1002, ((Result.Close) new TextAssembler(4).frame(Kind.CONTINUATION, true, utf8("x"))).code());
        TextAssembler open = new TextAssembler(4);
        open.frame(Kind.TEXT, false, utf8("a"));
        assertEquals(1002, ((Result.Close) open.frame(Kind.TEXT, true, utf8("b"))).code());
    }
}
