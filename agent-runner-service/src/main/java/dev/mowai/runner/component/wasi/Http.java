package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.BOOL;
import static dev.mowai.runner.component.wasi.Wit.STRING;
import static dev.mowai.runner.component.wasi.Wit.U16;
import static dev.mowai.runner.component.wasi.Wit.U32;
import static dev.mowai.runner.component.wasi.Wit.U64;
import static dev.mowai.runner.component.wasi.Wit.U8;
import static dev.mowai.runner.component.wasi.Wit.borrow;
import static dev.mowai.runner.component.wasi.Wit.constructorName;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.list;
import static dev.mowai.runner.component.wasi.Wit.method;
import static dev.mowai.runner.component.wasi.Wit.methodName;
import static dev.mowai.runner.component.wasi.Wit.option;
import static dev.mowai.runner.component.wasi.Wit.own;
import static dev.mowai.runner.component.wasi.Wit.record;
import static dev.mowai.runner.component.wasi.Wit.result;
import static dev.mowai.runner.component.wasi.Wit.staticName;
import static dev.mowai.runner.component.wasi.Wit.tuple;
import static dev.mowai.runner.component.wasi.Wit.unit;
import static dev.mowai.runner.component.wasi.Wit.variant;
import static dev.mowai.runner.component.wasi.Wit.with;

import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:http/types} and {@code wasi:http/outgoing-handler}. Requests, responses, headers and
 * bodies can be built as the spec says (toolchains such as StarlingMonkey's {@code fetch} do), but
 * {@code outgoing-handler.handle} refuses every request with {@code HTTP-request-denied}: agents
 * reach the world only through {@code host-llm} and {@code broadcast}. Incoming messages, futures
 * and response outparams never exist here.
 */
final class Http {
    static final ResourceType FIELDS = new ResourceType("fields");
    static final ResourceType INCOMING_REQUEST = new ResourceType("incoming-request");
    static final ResourceType OUTGOING_REQUEST = new ResourceType("outgoing-request");
    static final ResourceType REQUEST_OPTIONS = new ResourceType("request-options");
    static final ResourceType RESPONSE_OUTPARAM = new ResourceType("response-outparam");
    static final ResourceType INCOMING_RESPONSE = new ResourceType("incoming-response");
    static final ResourceType INCOMING_BODY = new ResourceType("incoming-body");
    static final ResourceType FUTURE_TRAILERS = new ResourceType("future-trailers");
    static final ResourceType OUTGOING_RESPONSE = new ResourceType("outgoing-response");
    static final ResourceType OUTGOING_BODY = new ResourceType("outgoing-body");
    static final ResourceType FUTURE_INCOMING_RESPONSE = new ResourceType("future-incoming-response");

    static final List<HostResource> RESOURCES = List.of(FIELDS, INCOMING_REQUEST, OUTGOING_REQUEST, REQUEST_OPTIONS,
            RESPONSE_OUTPARAM, INCOMING_RESPONSE, INCOMING_BODY, FUTURE_TRAILERS, OUTGOING_RESPONSE, OUTGOING_BODY,
            FUTURE_INCOMING_RESPONSE).stream().map(HostResource::withoutDestructor).toList();

    static final ValType DURATION = U64;
    static final ValType METHOD = variant(unit("get"), unit("head"), unit("post"), unit("put"), unit("delete"),
            unit("connect"), unit("options"), unit("trace"), unit("patch"), with("other", STRING));
    static final int METHOD_OTHER = 9;
    static final ValType SCHEME = variant(unit("HTTP"), unit("HTTPS"), with("other", STRING));
    static final int SCHEME_OTHER = 2;
    static final ValType DNS_ERROR_PAYLOAD = record("rcode", option(STRING), "info-code", option(U16));
    static final ValType TLS_ALERT_RECEIVED_PAYLOAD = record("alert-id", option(U8), "alert-message", option(STRING));
    static final ValType FIELD_SIZE_PAYLOAD = record("field-name", option(STRING), "field-size", option(U32));
    static final ValType.VariantType ERROR_CODE = (ValType.VariantType) variant(
            unit("DNS-timeout"),
            with("DNS-error", DNS_ERROR_PAYLOAD),
            unit("destination-not-found"),
            unit("destination-unavailable"),
            unit("destination-IP-prohibited"),
            unit("destination-IP-unroutable"),
            unit("connection-refused"),
            unit("connection-terminated"),
            unit("connection-timeout"),
            unit("connection-read-timeout"),
            unit("connection-write-timeout"),
            unit("connection-limit-reached"),
            unit("TLS-protocol-error"),
            unit("TLS-certificate-error"),
            with("TLS-alert-received", TLS_ALERT_RECEIVED_PAYLOAD),
            unit("HTTP-request-denied"),
            unit("HTTP-request-length-required"),
            with("HTTP-request-body-size", option(U64)),
            unit("HTTP-request-method-invalid"),
            unit("HTTP-request-URI-invalid"),
            unit("HTTP-request-URI-too-long"),
            with("HTTP-request-header-section-size", option(U32)),
            with("HTTP-request-header-size", option(FIELD_SIZE_PAYLOAD)),
            with("HTTP-request-trailer-section-size", option(U32)),
            with("HTTP-request-trailer-size", FIELD_SIZE_PAYLOAD),
            unit("HTTP-response-incomplete"),
            with("HTTP-response-header-section-size", option(U32)),
            with("HTTP-response-header-size", FIELD_SIZE_PAYLOAD),
            with("HTTP-response-body-size", option(U64)),
            with("HTTP-response-trailer-section-size", option(U32)),
            with("HTTP-response-trailer-size", FIELD_SIZE_PAYLOAD),
            with("HTTP-response-transfer-coding", option(STRING)),
            with("HTTP-response-content-coding", option(STRING)),
            unit("HTTP-response-timeout"),
            unit("HTTP-upgrade-failed"),
            unit("HTTP-protocol-error"),
            unit("loop-detected"),
            unit("configuration-error"),
            with("internal-error", option(STRING)));
    static final ValType HEADER_ERROR = variant(unit("invalid-syntax"), unit("forbidden"), unit("immutable"));
    static final ValType FIELD_NAME = STRING;
    static final ValType FIELD_VALUE = list(U8);
    static final ValType STATUS_CODE = U16;

    static final Val REQUEST_DENIED = V.variant(errorCase("HTTP-request-denied"));
    private static final String NEVER = "no such HTTP resource can exist: the sandbox has no network";

    private Http() {
    }

    static int errorCase(String name) {
        for (int i = 0; i < ERROR_CODE.cases().size(); i++) {
            if (ERROR_CODE.cases().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no wasi:http error-code case " + name);
    }

    /** The representations of the resources a guest can build. */
    static final class OutgoingRequest {
        final Fields headers;
        Val method = V.variant(0); // get
        Val pathWithQuery = V.NONE;
        Val scheme = V.NONE;
        Val authority = V.NONE;
        boolean bodyTaken;

        OutgoingRequest(Fields headers) {
            this.headers = headers;
        }
    }

    static final class OutgoingResponse {
        final Fields headers;
        int status = 200;
        boolean bodyTaken;

        OutgoingResponse(Fields headers) {
            this.headers = headers;
        }
    }

    static final class OutgoingBody {
        final OutputStreamRep.Discarding stream = new OutputStreamRep.Discarding("outgoing-body");
        boolean streamTaken;
    }

    static final class RequestOptions {
        Val connectTimeout = V.NONE;
        Val firstByteTimeout = V.NONE;
        Val betweenBytesTimeout = V.NONE;
    }

    static List<HostInterface> interfaces(String version) {
        HostInterface.Builder types = HostInterface.builder("wasi:http/types", version)
                .resource(Io.INPUT_STREAM_RESOURCE)
                .resource(Io.OUTPUT_STREAM_RESOURCE)
                .resource(Io.ERROR_RESOURCE)
                .resource(Io.POLLABLE_RESOURCE);
        RESOURCES.forEach(types::resource);
        types.function("http-error-code", fn().param("err", borrow(Io.ERROR)).returns(option(ERROR_CODE)), (c, a) -> {
            V.rep(a.get(0), IoError.class);
            return V.ret(V.NONE); // no io error of this host comes from HTTP
        });
        fields(types);
        outgoingRequest(types);
        requestOptions(types);
        outgoingResponse(types);
        outgoingBody(types);
        neverCreated(types);
        HostInterface handler = HostInterface.builder("wasi:http/outgoing-handler", version)
                .resource(resource(OUTGOING_REQUEST))
                .resource(resource(REQUEST_OPTIONS))
                .resource(resource(FUTURE_INCOMING_RESPONSE))
                .function("handle", fn().params("request", own(OUTGOING_REQUEST), "options", option(own(REQUEST_OPTIONS)))
                        .returns(result(own(FUTURE_INCOMING_RESPONSE), ERROR_CODE)), (c, a) -> {
                            V.rep(a.get(0), OutgoingRequest.class);
                            return V.ret(V.err(REQUEST_DENIED));
                        })
                .build();
        return List.of(types.build(), handler);
    }

    static HostResource resource(ResourceType type) {
        return RESOURCES.stream().filter(r -> r.type() == type).findFirst().orElseThrow();
    }

    private static Val headerResult(Fields.HeaderError e) {
        return e == null ? V.OK : V.err(V.variant(e.ordinal()));
    }

    private static void fields(HostInterface.Builder b) {
        ValType entries = list(tuple(FIELD_NAME, FIELD_VALUE));
        b.function(constructorName(FIELDS), fn().returns(own(FIELDS)), (c, a) -> V.ret(V.own(FIELDS, new Fields())));
        b.function(staticName(FIELDS, "from-list"), fn().param("entries", entries)
                .returns(result(own(FIELDS), HEADER_ERROR)), (c, a) -> {
                    Fields f = new Fields();
                    for (Val entry : V.listOf(a.get(0))) {
                        List<Val> pair = V.as(Val.TupleVal.class, entry).elements();
                        Fields.HeaderError e = f.append(V.strOf(pair.get(0)), V.bytesOf(pair.get(1)));
                        if (e != null) {
                            return V.ret(headerResult(e));
                        }
                    }
                    return V.ret(V.ok(V.own(FIELDS, f)));
                });
        b.function(methodName(FIELDS, "get"), method(FIELDS).param("name", FIELD_NAME).returns(list(FIELD_VALUE)),
                (c, a) -> V.ret(V.list(fields(a).get(V.strOf(a.get(1))).stream().map(V::bytes).toList())));
        b.function(methodName(FIELDS, "has"), method(FIELDS).param("name", FIELD_NAME).returns(BOOL),
                (c, a) -> V.ret(V.bool(fields(a).has(V.strOf(a.get(1))))));
        b.function(methodName(FIELDS, "set"), method(FIELDS).params("name", FIELD_NAME, "value", list(FIELD_VALUE))
                .returns(result(null, HEADER_ERROR)), (c, a) -> {
                    List<byte[]> values = V.listOf(a.get(2)).stream().map(V::bytesOf).toList();
                    return V.ret(headerResult(fields(a).set(V.strOf(a.get(1)), values)));
                });
        b.function(methodName(FIELDS, "delete"), method(FIELDS).param("name", FIELD_NAME)
                .returns(result(null, HEADER_ERROR)), (c, a) -> V.ret(headerResult(fields(a).delete(V.strOf(a.get(1))))));
        b.function(methodName(FIELDS, "append"), method(FIELDS).params("name", FIELD_NAME, "value", FIELD_VALUE)
                .returns(result(null, HEADER_ERROR)),
                (c, a) -> V.ret(headerResult(fields(a).append(V.strOf(a.get(1)), V.bytesOf(a.get(2))))));
        b.function(methodName(FIELDS, "entries"), method(FIELDS).returns(entries), (c, a) -> {
            List<Val> out = new ArrayList<>();
            for (Fields.Entry e : fields(a).entries()) {
                out.add(V.tuple(V.str(e.name()), V.bytes(e.value())));
            }
            return V.ret(V.list(out));
        });
        b.function(methodName(FIELDS, "clone"), method(FIELDS).returns(own(FIELDS)),
                (c, a) -> V.ret(V.own(FIELDS, fields(a).copy())));
    }

    private static Fields fields(List<Val> args) {
        return V.rep(args.get(0), Fields.class);
    }

    private static void outgoingRequest(HostInterface.Builder b) {
        ResourceType r = OUTGOING_REQUEST;
        ValType unitResult = result(null, null);
        b.function(constructorName(r), fn().param("headers", own(FIELDS)).returns(own(r)),
                (c, a) -> V.ret(V.own(r, new OutgoingRequest(V.rep(a.get(0), Fields.class).immutableView()))));
        b.function(methodName(r, "body"), method(r).returns(result(own(OUTGOING_BODY), null)), (c, a) -> {
            OutgoingRequest req = V.rep(a.get(0), OutgoingRequest.class);
            if (req.bodyTaken) {
                return V.ret(V.errEmpty());
            }
            req.bodyTaken = true;
            return V.ret(V.ok(V.own(OUTGOING_BODY, new OutgoingBody())));
        });
        b.function(methodName(r, "method"), method(r).returns(METHOD), (c, a) -> V.ret(req(a).method));
        b.function(methodName(r, "set-method"), method(r).param("method", METHOD).returns(unitResult), (c, a) -> {
            Val m = a.get(1);
            if (!validMethod(m)) {
                return V.ret(V.errEmpty());
            }
            req(a).method = m;
            return V.ret(V.OK);
        });
        b.function(methodName(r, "path-with-query"), method(r).returns(option(STRING)), (c, a) -> V.ret(req(a).pathWithQuery));
        b.function(methodName(r, "set-path-with-query"), method(r).param("path-with-query", option(STRING))
                .returns(unitResult), (c, a) -> {
                    Val p = a.get(1);
                    if (V.optionOf(p).map(v -> !validPath(V.strOf(v))).orElse(false)) {
                        return V.ret(V.errEmpty());
                    }
                    req(a).pathWithQuery = p;
                    return V.ret(V.OK);
                });
        b.function(methodName(r, "scheme"), method(r).returns(option(SCHEME)), (c, a) -> V.ret(req(a).scheme));
        b.function(methodName(r, "set-scheme"), method(r).param("scheme", option(SCHEME)).returns(unitResult), (c, a) -> {
            Val s = a.get(1);
            if (V.optionOf(s).map(v -> !validScheme(v)).orElse(false)) {
                return V.ret(V.errEmpty());
            }
            req(a).scheme = s;
            return V.ret(V.OK);
        });
        b.function(methodName(r, "authority"), method(r).returns(option(STRING)), (c, a) -> V.ret(req(a).authority));
        b.function(methodName(r, "set-authority"), method(r).param("authority", option(STRING)).returns(unitResult),
                (c, a) -> {
                    Val s = a.get(1);
                    if (V.optionOf(s).map(v -> !validAuthority(V.strOf(v))).orElse(false)) {
                        return V.ret(V.errEmpty());
                    }
                    req(a).authority = s;
                    return V.ret(V.OK);
                });
        b.function(methodName(r, "headers"), method(r).returns(own(FIELDS)),
                (c, a) -> V.ret(V.own(FIELDS, req(a).headers.immutableView())));
    }

    private static OutgoingRequest req(List<Val> args) {
        return V.rep(args.get(0), OutgoingRequest.class);
    }

    private static void requestOptions(HostInterface.Builder b) {
        ResourceType r = REQUEST_OPTIONS;
        ValType unitResult = result(null, null);
        b.function(constructorName(r), fn().returns(own(r)), (c, a) -> V.ret(V.own(r, new RequestOptions())));
        b.function(methodName(r, "connect-timeout"), method(r).returns(option(DURATION)), (c, a) -> V.ret(opts(a).connectTimeout));
        b.function(methodName(r, "set-connect-timeout"), method(r).param("duration", option(DURATION)).returns(unitResult),
                (c, a) -> {
                    opts(a).connectTimeout = a.get(1);
                    return V.ret(V.OK);
                });
        b.function(methodName(r, "first-byte-timeout"), method(r).returns(option(DURATION)),
                (c, a) -> V.ret(opts(a).firstByteTimeout));
        b.function(methodName(r, "set-first-byte-timeout"), method(r).param("duration", option(DURATION)).returns(unitResult),
                (c, a) -> {
                    opts(a).firstByteTimeout = a.get(1);
                    return V.ret(V.OK);
                });
        b.function(methodName(r, "between-bytes-timeout"), method(r).returns(option(DURATION)),
                (c, a) -> V.ret(opts(a).betweenBytesTimeout));
        b.function(methodName(r, "set-between-bytes-timeout"), method(r).param("duration", option(DURATION))
                .returns(unitResult), (c, a) -> {
                    opts(a).betweenBytesTimeout = a.get(1);
                    return V.ret(V.OK);
                });
    }

    private static RequestOptions opts(List<Val> args) {
        return V.rep(args.get(0), RequestOptions.class);
    }

    private static void outgoingResponse(HostInterface.Builder b) {
        ResourceType r = OUTGOING_RESPONSE;
        b.function(constructorName(r), fn().param("headers", own(FIELDS)).returns(own(r)),
                (c, a) -> V.ret(V.own(r, new OutgoingResponse(V.rep(a.get(0), Fields.class).immutableView()))));
        b.function(methodName(r, "status-code"), method(r).returns(STATUS_CODE),
                (c, a) -> V.ret(new Val.U16(resp(a).status)));
        b.function(methodName(r, "set-status-code"), method(r).param("status-code", STATUS_CODE).returns(result(null, null)),
                (c, a) -> {
                    int status = V.u16Of(a.get(1));
                    if (status < 100 || status > 999) {
                        return V.ret(V.errEmpty());
                    }
                    resp(a).status = status;
                    return V.ret(V.OK);
                });
        b.function(methodName(r, "headers"), method(r).returns(own(FIELDS)),
                (c, a) -> V.ret(V.own(FIELDS, resp(a).headers.immutableView())));
        b.function(methodName(r, "body"), method(r).returns(result(own(OUTGOING_BODY), null)), (c, a) -> {
            OutgoingResponse resp = resp(a);
            if (resp.bodyTaken) {
                return V.ret(V.errEmpty());
            }
            resp.bodyTaken = true;
            return V.ret(V.ok(V.own(OUTGOING_BODY, new OutgoingBody())));
        });
    }

    private static OutgoingResponse resp(List<Val> args) {
        return V.rep(args.get(0), OutgoingResponse.class);
    }

    private static void outgoingBody(HostInterface.Builder b) {
        ResourceType r = OUTGOING_BODY;
        b.function(methodName(r, "write"), method(r).returns(result(own(Io.OUTPUT_STREAM), null)), (c, a) -> {
            OutgoingBody body = V.rep(a.get(0), OutgoingBody.class);
            if (body.streamTaken) {
                return V.ret(V.errEmpty());
            }
            body.streamTaken = true;
            return V.ret(V.ok(V.own(Io.OUTPUT_STREAM, body.stream)));
        });
        b.function(staticName(r, "finish"), fn().params("this", own(r), "trailers", option(own(FIELDS)))
                .returns(result(null, ERROR_CODE)), (c, a) -> {
                    V.rep(a.get(0), OutgoingBody.class).stream.close();
                    return V.ret(V.OK);
                });
    }

    /** Members of resources only a network (or an incoming-handler export) could create. */
    private static void neverCreated(HostInterface.Builder b) {
        Val internal = V.variant(errorCase("internal-error"), V.NONE);
        Map<String, FuncType> m = new LinkedHashMap<>();
        ResourceType in = INCOMING_REQUEST;
        m.put(methodName(in, "method"), method(in).returns(METHOD));
        m.put(methodName(in, "path-with-query"), method(in).returns(option(STRING)));
        m.put(methodName(in, "scheme"), method(in).returns(option(SCHEME)));
        m.put(methodName(in, "authority"), method(in).returns(option(STRING)));
        m.put(methodName(in, "headers"), method(in).returns(own(FIELDS)));
        m.put(methodName(in, "consume"), method(in).returns(result(own(INCOMING_BODY), null)));
        ValType outResponse = result(own(OUTGOING_RESPONSE), ERROR_CODE);
        m.put(staticName(RESPONSE_OUTPARAM, "set"), fn().params("param", own(RESPONSE_OUTPARAM), "response", outResponse)
                .none());
        ResourceType ir = INCOMING_RESPONSE;
        m.put(methodName(ir, "status"), method(ir).returns(STATUS_CODE));
        m.put(methodName(ir, "headers"), method(ir).returns(own(FIELDS)));
        m.put(methodName(ir, "consume"), method(ir).returns(result(own(INCOMING_BODY), null)));
        m.put(methodName(INCOMING_BODY, "stream"), method(INCOMING_BODY).returns(result(own(Io.INPUT_STREAM), null)));
        m.put(staticName(INCOMING_BODY, "finish"), fn().param("this", own(INCOMING_BODY)).returns(own(FUTURE_TRAILERS)));
        m.put(methodName(FUTURE_TRAILERS, "subscribe"), method(FUTURE_TRAILERS).returns(own(Io.POLLABLE)));
        m.put(methodName(FUTURE_TRAILERS, "get"), method(FUTURE_TRAILERS)
                .returns(option(result(result(option(own(FIELDS)), ERROR_CODE), null))));
        m.put(methodName(FUTURE_INCOMING_RESPONSE, "subscribe"), method(FUTURE_INCOMING_RESPONSE).returns(own(Io.POLLABLE)));
        m.put(methodName(FUTURE_INCOMING_RESPONSE, "get"), method(FUTURE_INCOMING_RESPONSE)
                .returns(option(result(result(own(INCOMING_RESPONSE), ERROR_CODE), null))));
        m.forEach((name, type) -> b.function(name, type, Refusal.answer(type, internal, NEVER)));
    }

    static boolean validMethod(Val m) {
        Val.VariantVal v = V.as(Val.VariantVal.class, m);
        return v.caseIndex() != METHOD_OTHER || Fields.isToken(V.strOf(v.payload().orElseThrow()));
    }

    /** An origin-form path and query: visible ASCII without '#', starting with '/' (or '*'). */
    static boolean validPath(String p) {
        if (p.isEmpty()) {
            return true;
        }
        if (!(p.charAt(0) == '/' || p.charAt(0) == '?' || p.equals("*"))) {
            return false;
        }
        return p.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != '#');
    }

    static boolean validScheme(Val s) {
        Val.VariantVal v = V.as(Val.VariantVal.class, s);
        if (v.caseIndex() != SCHEME_OTHER) {
            return true;
        }
        String name = V.strOf(v.payload().orElseThrow());
        return name.matches("[A-Za-z][A-Za-z0-9+.-]{0,63}");
    }

    /** host[:port], the host a name, IPv4 or bracketed IPv6; userinfo is not allowed in requests. */
    static boolean validAuthority(String a) {
        return a.matches("([A-Za-z0-9._~!$&'()*+,;=%-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{0,5})?") || a.isEmpty();
    }
}
