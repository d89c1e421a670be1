package dev.mowai.arena;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP client for requests no well-behaved HTTP client sends: headers that announce a body that
 * never comes, chunked bodies that do not end, one byte at a time.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(15_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The response head and whatever body arrives until the server closes or 15 s pass quietly. */
    public String response() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
                if (complete(got.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketTimeoutException quiet) {
            // return what came
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Status code of the response, -1 when none came. */
    public int status() throws IOException {
        String r = response();
        return r.startsWith("HTTP/1.1 ") ? Integer.parseInt(r.substring(9, 12)) : -1;
    }

    /** True once the server has closed the connection (read returns end of stream or a reset). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    /** True when the server closes the connection within {@code seconds} (nothing else arrives meanwhile). */
    public boolean closedByServerWithin(int seconds) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(seconds * 1000);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    private static boolean complete(String r) {
        int head = r.indexOf("\r\n\r\n");
        if (head < 0) {
            return false;
        }
        String h = r.substring(0, head).toLowerCase();
        int cl = h.indexOf("content-length:");
        if (cl < 0) {
            return true;
        }
        int end = h.indexOf("\r\n", cl);
        long len = Long.parseLong(h.substring(cl + 15, end < 0 ? h.length() : end).trim());
        return r.length() - head - 4 >= len;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
