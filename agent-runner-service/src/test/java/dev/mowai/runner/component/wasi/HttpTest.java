package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.WasiFixture.borrowOf;
import static dev.mowai.runner.component.wasi.WasiFixture.bytes;
import static dev.mowai.runner.component.wasi.WasiFixture.errPayload;
import static dev.mowai.runner.component.wasi.WasiFixture.okPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.types.Val;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpTest {
    static final String T = "wasi:http/types";
    final WasiFixture f = new WasiFixture();

    static final Val INVALID_SYNTAX = V.variant(0);
    static final Val FORBIDDEN = V.variant(1);
    static final Val IMMUTABLE = V.variant(2);

    Val fields() {
        return f.value(T, "[constructor]fields");
    }

    static Val entry(String name, String value) {
        return V.tuple(V.str(name), bytes(value));
    }

    @Test
    void fieldsKeepEntriesInOrderWithLowerCaseNames() {
        Val h = borrowOf(fields());
        assertEquals(V.OK, f.value(T, "[method]fields.append", h, V.str("Content-Type"), bytes("text/plain")));
        assertEquals(V.OK, f.value(T, "[method]fields.append", h, V.str("x-a"), bytes("1")));
        assertEquals(V.OK, f.value(T, "[method]fields.append", h, V.str("X-A"), bytes("2")));
        assertEquals(V.list(List.of(entry("content-type", "text/plain"), entry("x-a", "1"), entry("x-a", "2"))),
                f.value(T, "[method]fields.entries", h));
        assertEquals(V.list(List.of(bytes("1"), bytes("2"))), f.value(T, "[method]fields.get", h, V.str("X-a")));
        assertEquals(V.bool(true), f.value(T, "[method]fields.has", h, V.str("CONTENT-TYPE")));
        assertEquals(V.OK, f.value(T, "[method]fields.set", h, V.str("x-a"), V.list(List.of(bytes("3")))));
        assertEquals(V.list(List.of(bytes("3"))), f.value(T, "[method]fields.get", h, V.str("x-a")));
        assertEquals(V.OK, f.value(T, "[method]fields.delete", h, V.str("x-a")));
        assertEquals(V.bool(false), f.value(T, "[method]fields.has", h, V.str("x-a")));
        assertEquals(V.list(List.of()), f.value(T, "[method]fields.get", h, V.str("bad name")));
    }

    @Test
    void fieldsRefuseInvalidAndForbiddenHeaders() {
        Val h = borrowOf(fields());
        assertEquals(INVALID_SYNTAX, errPayload(f.value(T, "[method]fields.append", h, V.str("malformed name"), bytes("v"))));
        assertEquals(INVALID_SYNTAX, errPayload(f.value(T, "[method]fields.append", h, V.str(""), bytes("v"))));
        assertEquals(INVALID_SYNTAX, errPayload(f.value(T, "[method]fields.append", h, V.str("ok"), bytes("bad\nvalue"))));
        assertEquals(INVALID_SYNTAX, errPayload(f.value(T, "[method]fields.append", h, V.str("ok"), V.bytes(new byte[] {0x7f}))));
        assertEquals(V.OK, f.value(T, "[method]fields.append", h, V.str("ok"), V.bytes(new byte[] {'a', '\t', (byte) 0xe9})));
        for (String name : List.of("Connection", "keep-alive", "Host", "transfer-encoding", "upgrade", "proxy-authorization")) {
            assertEquals(FORBIDDEN, errPayload(f.value(T, "[method]fields.append", h, V.str(name), bytes("x"))), name);
        }
        assertEquals(FORBIDDEN, errPayload(f.value(T, "[method]fields.set", h, V.str("host"), V.list(List.of()))));
    }

    @Test
    void fromListValidatesEveryEntry() {
        Val ok = f.value(T, "[static]fields.from-list", V.list(List.of(entry("a", "1"), entry("b", "2"))));
        Val h = borrowOf(okPayload(ok));
        assertEquals(2, V.listOf(f.value(T, "[method]fields.entries", h)).size());
        assertEquals(FORBIDDEN, errPayload(f.value(T, "[static]fields.from-list",
                V.list(List.of(entry("a", "1"), entry("connection", "close"))))));
    }

    @Test
    void fieldsHaveSizeCaps() {
        Val h = borrowOf(fields());
        byte[] big = new byte[Fields.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        Trap t = assertThrows(Trap.class, () -> f.call(T, "[method]fields.append", h, V.str("big"), V.bytes(big)));
        assertTrue(t.getMessage().contains("limit"), t.getMessage());
        for (int i = 0; i < Fields.MAX_ENTRIES; i++) {
            f.value(T, "[method]fields.append", h, V.str("h"), bytes("v"));
        }
        assertThrows(Trap.class, () -> f.call(T, "[method]fields.append", h, V.str("h"), bytes("v")));
    }

    @Test
    void aRequestCanBeBuiltButNeverSent() {
        Val h = fields();
        f.value(T, "[method]fields.append", borrowOf(h), V.str("accept"), bytes("*/*"));
        Val request = f.value(T, "[constructor]outgoing-request", h);
        Val r = borrowOf(request);
        assertEquals(V.variant(0), f.value(T, "[method]outgoing-request.method", r));
        assertEquals(V.OK, f.value(T, "[method]outgoing-request.set-method", r, V.variant(2)));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-request.set-method", r,
                V.variant(Http.METHOD_OTHER, V.str("NOT A TOKEN"))));
        assertEquals(V.variant(2), f.value(T, "[method]outgoing-request.method", r));
        assertEquals(V.OK, f.value(T, "[method]outgoing-request.set-scheme", r, V.some(V.variant(1))));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-request.set-scheme", r,
                V.some(V.variant(Http.SCHEME_OTHER, V.str("9bad")))));
        assertEquals(V.OK, f.value(T, "[method]outgoing-request.set-authority", r, V.some(V.str("example.com:443"))));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-request.set-authority", r, V.some(V.str("a b"))));
        assertEquals(V.OK, f.value(T, "[method]outgoing-request.set-path-with-query", r, V.some(V.str("/v1/x?y=1"))));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-request.set-path-with-query", r, V.some(V.str("/a b"))));
        assertEquals(V.some(V.str("/v1/x?y=1")), f.value(T, "[method]outgoing-request.path-with-query", r));
        assertEquals(V.some(V.str("example.com:443")), f.value(T, "[method]outgoing-request.authority", r));
        Val headers = borrowOf(f.value(T, "[method]outgoing-request.headers", r));
        assertEquals(V.list(List.of(bytes("*/*"))), f.value(T, "[method]fields.get", headers, V.str("accept")));
        assertEquals(IMMUTABLE, errPayload(f.value(T, "[method]fields.append", headers, V.str("x"), bytes("y"))));
        Val copy = borrowOf(f.value(T, "[method]fields.clone", headers));
        assertEquals(V.OK, f.value(T, "[method]fields.append", copy, V.str("x"), bytes("y")), "a clone is mutable");

        Val body = okPayload(f.value(T, "[method]outgoing-request.body", r));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-request.body", r), "the body is handed out once");
        Val stream = borrowOf(okPayload(f.value(T, "[method]outgoing-body.write", borrowOf(body))));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-body.write", borrowOf(body)));
        assertEquals(V.OK, f.value("wasi:io/streams", "[method]output-stream.write", stream, bytes("{\"q\":1}")));

        Val options = f.value(T, "[constructor]request-options");
        assertEquals(V.OK, f.value(T, "[method]request-options.set-connect-timeout", borrowOf(options), V.some(V.u64(5))));
        assertEquals(V.some(V.u64(5)), f.value(T, "[method]request-options.connect-timeout", borrowOf(options)));
        assertEquals(V.NONE, f.value(T, "[method]request-options.first-byte-timeout", borrowOf(options)));

        Val denied = errPayload(f.value("wasi:http/outgoing-handler", "handle", request, V.some(options)));
        assertEquals(Http.REQUEST_DENIED, denied);
        assertEquals("HTTP-request-denied", Http.ERROR_CODE.cases().get(((Val.VariantVal) denied).caseIndex()).name());
        assertEquals(V.OK, f.value(T, "[static]outgoing-body.finish", body, V.NONE));
        assertEquals(Io.closed(), f.value("wasi:io/streams", "[method]output-stream.write", stream, bytes("late")));
        assertTrue(f.log.isEmpty(), "bodies never reach the log");
    }

    @Test
    void responsesCanBeBuilt() {
        Val resp = borrowOf(f.value(T, "[constructor]outgoing-response", fields()));
        assertEquals(new Val.U16(200), f.value(T, "[method]outgoing-response.status-code", resp));
        assertEquals(V.OK, f.value(T, "[method]outgoing-response.set-status-code", resp, new Val.U16(404)));
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-response.set-status-code", resp, new Val.U16(99)));
        assertEquals(new Val.U16(404), f.value(T, "[method]outgoing-response.status-code", resp));
        assertTrue(((Val.ResultVal) f.value(T, "[method]outgoing-response.body", resp)).isOk());
        assertEquals(V.errEmpty(), f.value(T, "[method]outgoing-response.body", resp));
    }

    @Test
    void incomingResourcesNeverExist() {
        Trap t = assertThrows(Trap.class, () -> f.call(T, "[method]incoming-response.status",
                WasiFixture.borrow(Http.INCOMING_RESPONSE, new Object())));
        assertTrue(t.getMessage().contains("no network"), t.getMessage());
        assertEquals(V.errEmpty(), f.value(T, "[method]incoming-body.stream", WasiFixture.borrow(Http.INCOMING_BODY, new Object())));
        assertEquals(V.NONE, f.value(T, "http-error-code", WasiFixture.borrow(Io.ERROR, new IoError("e"))));
    }
}
