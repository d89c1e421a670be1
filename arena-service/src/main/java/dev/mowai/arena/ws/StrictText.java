package dev.mowai.arena.ws;

import dev.mowai.arena.core.CloseCodes;
import dev.mowai.arena.protocol.TextAssembler;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import java.lang.reflect.Method;

/**
 * Invalid UTF-8 closes an agent socket with 1007. websockets-next hands text over decoded leniently
 * (invalid bytes become U+FFFD), so the bytes are checked on the Vert.x socket underneath by a frame
 * handler ({@link TextAssembler}); Vert.x runs it right after the text handler for the same frame.
 * Text that carries U+FFFD (the only text that may have been invalid) waits one turn of the event
 * loop for that verdict, and so does any text after it, in order. All of it runs on the socket's
 * event loop.
 */
final class StrictText {

    static final UserData.TypedKey<StrictText> KEY = new UserData.TypedKey<>("mowai.strict-text");
    private static final Method WEB_SOCKET = webSocketAccessor();

    private final Context context;
    private final TextAssembler bytes;
    private boolean invalid;
    private int waiting;

    private StrictText(Context context, int maxMessage) {
        this.context = context;
        this.bytes = new TextAssembler(maxMessage);
    }

    /** Starts checking a new connection's text frames. */
    static void watch(WebSocketConnection conn, int maxMessage) {
        StrictText check = new StrictText(Vertx.currentContext(), maxMessage);
        conn.userData().put(KEY, check);
        socket(conn).frameHandler(frame -> check.frame(conn, frame));
    }

    /** Runs {@code deliver} for this text unless its bytes were not UTF-8. */
    static void deliver(WebSocketConnection conn, String text, Runnable deliver) {
        StrictText check = conn.userData().get(KEY);
        if (check == null) { // a frame before @OnOpen, which websockets-next does not let happen
            deliver.run();
        } else if (check.invalid) {
            return;
        } else if (check.waiting == 0 && text.indexOf('\uFFFD') < 0) {
            deliver.run();
        } else {
            check.waiting++;
            check.context.runOnContext(v -> {
                check.waiting--;
                if (!check.invalid) {
                    deliver.run();
                }
            });
        }
    }

    private void frame(WebSocketConnection conn, WebSocketFrame frame) {
        TextAssembler.Kind kind = frame.isText() ? TextAssembler.Kind.TEXT
                : frame.isContinuation() ? TextAssembler.Kind.CONTINUATION
                : frame.isBinary() ? TextAssembler.Kind.BINARY : null;
        if (kind == null || invalid) {
            return; // control frames; Vert.x and websockets-next handle them
        }
        if (bytes.frame(kind, frame.isFinal(), frame.binaryData().getBytes()) instanceof TextAssembler.Result.Close c
                && c.code() == CloseCodes.INVALID_DATA) {
            invalid = true;
            conn.close(new CloseReason(c.code(), c.reason())).subscribe().with(ok -> { }, err -> { });
        }
    }

    private static WebSocketBase socket(WebSocketConnection conn) {
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(conn);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the Vert.x socket of " + conn.id(), e);
        }
    }

    /** websockets-next keeps the Vert.x socket behind a package-private accessor. */
    private static Method webSocketAccessor() {
        try {
            Method m = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase").getDeclaredMethod("webSocket");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
