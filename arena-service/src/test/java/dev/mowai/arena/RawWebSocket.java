package dev.mowai.arena;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare socket, for frames the JDK client will not send (invalid UTF-8,
 * binary) and for holding many idle connections cheaply. Blocking; one thread per use.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;

    /** A frame from the server; for CLOSE, {@link #closeCode()} and {@link #text()} (the reason). */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return opcode == CLOSE ? new String(payload, 2, Math.max(0, payload.length - 2), StandardCharsets.UTF_8)
                    : new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** The status line of the upgrade response ({@code HTTP/1.1 101 …} when it succeeded). */
    public final String status;

    private RawWebSocket(Socket socket, String status) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.status = status;
    }

    public static RawWebSocket open(String host, int port, String path) throws IOException {
        return open(host, port, path, null);
    }

    /** {@code from}: the local address to connect from (e.g. 127.0.0.2: another client on one machine). */
    public static RawWebSocket open(String host, int port, String path, String from) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(15_000);
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        DataInputStream in = new DataInputStream(s.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        return new RawWebSocket(s, h.isEmpty() ? "" : h.substring(0, h.indexOf("\r\n") < 0 ? h.length() : h.indexOf("\r\n")));
    }

    public boolean upgraded() {
        return status.startsWith("HTTP/1.1 101");
    }

    public RawWebSocket text(String s) throws IOException {
        return frame(TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one final, masked frame. */
    public synchronized RawWebSocket frame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
        return this;
    }

    /** The next frame from the server (pings included); null when the connection ended. */
    public Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads until a CLOSE frame (returned) or the end of the stream (null). */
    public Frame awaitClose() throws IOException {
        Frame f;
        while ((f = read()) != null) {
            if (f.opcode() == CLOSE) {
                return f;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
