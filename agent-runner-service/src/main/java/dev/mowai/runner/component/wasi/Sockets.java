package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.BOOL;
import static dev.mowai.runner.component.wasi.Wit.STRING;
import static dev.mowai.runner.component.wasi.Wit.U16;
import static dev.mowai.runner.component.wasi.Wit.U32;
import static dev.mowai.runner.component.wasi.Wit.U64;
import static dev.mowai.runner.component.wasi.Wit.U8;
import static dev.mowai.runner.component.wasi.Wit.borrow;
import static dev.mowai.runner.component.wasi.Wit.enumOf;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.list;
import static dev.mowai.runner.component.wasi.Wit.method;
import static dev.mowai.runner.component.wasi.Wit.methodName;
import static dev.mowai.runner.component.wasi.Wit.option;
import static dev.mowai.runner.component.wasi.Wit.own;
import static dev.mowai.runner.component.wasi.Wit.record;
import static dev.mowai.runner.component.wasi.Wit.result;
import static dev.mowai.runner.component.wasi.Wit.tuple;
import static dev.mowai.runner.component.wasi.Wit.variant;
import static dev.mowai.runner.component.wasi.Wit.with;

import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code wasi:sockets/*}: everything links; the network refuses every use, as wasmtime does when a
 * use is not allowed: creating a TCP or UDP socket answers {@code access-denied}, name lookups
 * {@code permanent-resolver-failure} (or {@code invalid-argument} for a malformed name). No socket
 * or lookup stream can therefore exist.
 */
final class Sockets {
    static final ResourceType NETWORK = new ResourceType("network");
    static final ResourceType RESOLVE_ADDRESS_STREAM = new ResourceType("resolve-address-stream");
    static final ResourceType TCP_SOCKET = new ResourceType("tcp-socket");
    static final ResourceType UDP_SOCKET = new ResourceType("udp-socket");
    static final ResourceType INCOMING_DATAGRAM_STREAM = new ResourceType("incoming-datagram-stream");
    static final ResourceType OUTGOING_DATAGRAM_STREAM = new ResourceType("outgoing-datagram-stream");

    static final HostResource NETWORK_RESOURCE = HostResource.withoutDestructor(NETWORK);
    static final HostResource RESOLVE_ADDRESS_STREAM_RESOURCE = HostResource.withoutDestructor(RESOLVE_ADDRESS_STREAM);
    static final HostResource TCP_SOCKET_RESOURCE = HostResource.withoutDestructor(TCP_SOCKET);
    static final HostResource UDP_SOCKET_RESOURCE = HostResource.withoutDestructor(UDP_SOCKET);
    static final HostResource INCOMING_DATAGRAM_STREAM_RESOURCE = HostResource.withoutDestructor(INCOMING_DATAGRAM_STREAM);
    static final HostResource OUTGOING_DATAGRAM_STREAM_RESOURCE = HostResource.withoutDestructor(OUTGOING_DATAGRAM_STREAM);

    static final List<String> ERROR_CODES = List.of("unknown", "access-denied", "not-supported", "invalid-argument",
            "out-of-memory", "timeout", "concurrency-conflict", "not-in-progress", "would-block", "invalid-state",
            "new-socket-limit", "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused",
            "connection-reset", "connection-aborted", "datagram-too-large", "name-unresolvable",
            "temporary-resolver-failure", "permanent-resolver-failure");
    static final ValType ERROR_CODE = new ValType.EnumType(ERROR_CODES);
    static final ValType IP_ADDRESS_FAMILY = enumOf("ipv4", "ipv6");
    static final ValType IPV4_ADDRESS = tuple(U8, U8, U8, U8);
    static final ValType IPV6_ADDRESS = tuple(U16, U16, U16, U16, U16, U16, U16, U16);
    static final ValType IP_ADDRESS = variant(with("ipv4", IPV4_ADDRESS), with("ipv6", IPV6_ADDRESS));
    static final ValType IPV4_SOCKET_ADDRESS = record("port", U16, "address", IPV4_ADDRESS);
    static final ValType IPV6_SOCKET_ADDRESS = record("port", U16, "flow-info", U32, "address", IPV6_ADDRESS,
            "scope-id", U32);
    static final ValType IP_SOCKET_ADDRESS = variant(with("ipv4", IPV4_SOCKET_ADDRESS), with("ipv6", IPV6_SOCKET_ADDRESS));
    static final ValType SHUTDOWN_TYPE = enumOf("receive", "send", "both");
    static final ValType INCOMING_DATAGRAM = record("data", list(U8), "remote-address", IP_SOCKET_ADDRESS);
    static final ValType OUTGOING_DATAGRAM = record("data", list(U8), "remote-address", option(IP_SOCKET_ADDRESS));
    static final ValType DURATION = U64;

    static final Val ACCESS_DENIED = code("access-denied");
    static final Val INVALID_ARGUMENT = code("invalid-argument");
    static final Val PERMANENT_RESOLVER_FAILURE = code("permanent-resolver-failure");
    static final Val INVALID_STATE = code("invalid-state");

    /** A host name (labels of letters, digits and dashes) or an IP literal; anything else is invalid-argument. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?"
                    + "|\\[?[0-9A-Fa-f:.]{2,45}]?");

    private static final String NO_SOCKET = "no socket can exist: the sandbox denies network access";

    /** The representation of {@code network}: a capability that grants nothing. */
    record Network() {
    }

    private Sockets() {
    }

    static Val code(String name) {
        return V.enumCase(ERROR_CODES.indexOf(name));
    }

    static List<HostInterface> interfaces(String version) {
        HostInterface network = HostInterface.builder("wasi:sockets/network", version)
                .resource(NETWORK_RESOURCE)
                .build();
        HostInterface instanceNetwork = HostInterface.builder("wasi:sockets/instance-network", version)
                .resource(NETWORK_RESOURCE)
                .function("instance-network", fn().returns(own(NETWORK)), (c, a) -> V.ret(V.own(NETWORK, new Network())))
                .build();
        HostInterface.Builder lookup = HostInterface.builder("wasi:sockets/ip-name-lookup", version)
                .resource(Io.POLLABLE_RESOURCE)
                .resource(NETWORK_RESOURCE)
                .resource(RESOLVE_ADDRESS_STREAM_RESOURCE)
                .function("resolve-addresses", fn().params("network", borrow(NETWORK), "name", STRING)
                        .returns(result(own(RESOLVE_ADDRESS_STREAM), ERROR_CODE)), (c, a) -> {
                            V.rep(a.get(0), Network.class);
                            boolean valid = HOST.matcher(V.strOf(a.get(1))).matches();
                            return V.ret(V.err(valid ? PERMANENT_RESOLVER_FAILURE : INVALID_ARGUMENT));
                        });
        refuse(lookup, RESOLVE_ADDRESS_STREAM, ordered(
                "resolve-next-address", method(RESOLVE_ADDRESS_STREAM).returns(result(option(IP_ADDRESS), ERROR_CODE)),
                "subscribe", method(RESOLVE_ADDRESS_STREAM).returns(own(Io.POLLABLE))));
        HostInterface tcpCreate = HostInterface.builder("wasi:sockets/tcp-create-socket", version)
                .resource(NETWORK_RESOURCE)
                .resource(TCP_SOCKET_RESOURCE)
                .function("create-tcp-socket", fn().param("address-family", IP_ADDRESS_FAMILY)
                        .returns(result(own(TCP_SOCKET), ERROR_CODE)), (c, a) -> V.ret(V.err(ACCESS_DENIED)))
                .build();
        HostInterface.Builder tcp = HostInterface.builder("wasi:sockets/tcp", version)
                .resource(Io.INPUT_STREAM_RESOURCE)
                .resource(Io.OUTPUT_STREAM_RESOURCE)
                .resource(Io.POLLABLE_RESOURCE)
                .resource(NETWORK_RESOURCE)
                .resource(TCP_SOCKET_RESOURCE);
        refuse(tcp, TCP_SOCKET, tcpMethods());
        HostInterface udpCreate = HostInterface.builder("wasi:sockets/udp-create-socket", version)
                .resource(NETWORK_RESOURCE)
                .resource(UDP_SOCKET_RESOURCE)
                .function("create-udp-socket", fn().param("address-family", IP_ADDRESS_FAMILY)
                        .returns(result(own(UDP_SOCKET), ERROR_CODE)), (c, a) -> V.ret(V.err(ACCESS_DENIED)))
                .build();
        HostInterface.Builder udp = HostInterface.builder("wasi:sockets/udp", version)
                .resource(Io.POLLABLE_RESOURCE)
                .resource(NETWORK_RESOURCE)
                .resource(UDP_SOCKET_RESOURCE)
                .resource(INCOMING_DATAGRAM_STREAM_RESOURCE)
                .resource(OUTGOING_DATAGRAM_STREAM_RESOURCE);
        refuse(udp, UDP_SOCKET, udpMethods());
        refuse(udp, INCOMING_DATAGRAM_STREAM, ordered(
                "receive", method(INCOMING_DATAGRAM_STREAM).param("max-results", U64)
                        .returns(result(list(INCOMING_DATAGRAM), ERROR_CODE)),
                "subscribe", method(INCOMING_DATAGRAM_STREAM).returns(own(Io.POLLABLE))));
        refuse(udp, OUTGOING_DATAGRAM_STREAM, ordered(
                "check-send", method(OUTGOING_DATAGRAM_STREAM).returns(result(U64, ERROR_CODE)),
                "send", method(OUTGOING_DATAGRAM_STREAM).param("datagrams", list(OUTGOING_DATAGRAM))
                        .returns(result(U64, ERROR_CODE)),
                "subscribe", method(OUTGOING_DATAGRAM_STREAM).returns(own(Io.POLLABLE))));
        return List.of(network, instanceNetwork, lookup.build(), tcpCreate, tcp.build(), udpCreate, udp.build());
    }

    private static Map<String, FuncType> ordered(Object... namesAndTypes) {
        Map<String, FuncType> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            m.put((String) namesAndTypes[i], (FuncType) namesAndTypes[i + 1]);
        }
        return m;
    }

    private static void refuse(HostInterface.Builder b, ResourceType r, Map<String, FuncType> methods) {
        methods.forEach((name, type) -> b.function(methodName(r, name), type, Refusal.answer(type, INVALID_STATE, NO_SOCKET)));
    }

    static Map<String, FuncType> tcpMethods() {
        ResourceType s = TCP_SOCKET;
        ValType unit = result(null, ERROR_CODE);
        Map<String, FuncType> m = new LinkedHashMap<>();
        m.put("start-bind", method(s).params("network", borrow(NETWORK), "local-address", IP_SOCKET_ADDRESS).returns(unit));
        m.put("finish-bind", method(s).returns(unit));
        m.put("start-connect", method(s).params("network", borrow(NETWORK), "remote-address", IP_SOCKET_ADDRESS)
                .returns(unit));
        m.put("finish-connect", method(s).returns(result(tuple(own(Io.INPUT_STREAM), own(Io.OUTPUT_STREAM)), ERROR_CODE)));
        m.put("start-listen", method(s).returns(unit));
        m.put("finish-listen", method(s).returns(unit));
        m.put("accept", method(s).returns(result(tuple(own(s), own(Io.INPUT_STREAM), own(Io.OUTPUT_STREAM)), ERROR_CODE)));
        m.put("local-address", method(s).returns(result(IP_SOCKET_ADDRESS, ERROR_CODE)));
        m.put("remote-address", method(s).returns(result(IP_SOCKET_ADDRESS, ERROR_CODE)));
        m.put("is-listening", method(s).returns(BOOL));
        m.put("address-family", method(s).returns(IP_ADDRESS_FAMILY));
        m.put("set-listen-backlog-size", method(s).param("value", U64).returns(unit));
        m.put("keep-alive-enabled", method(s).returns(result(BOOL, ERROR_CODE)));
        m.put("set-keep-alive-enabled", method(s).param("value", BOOL).returns(unit));
        m.put("keep-alive-idle-time", method(s).returns(result(DURATION, ERROR_CODE)));
        m.put("set-keep-alive-idle-time", method(s).param("value", DURATION).returns(unit));
        m.put("keep-alive-interval", method(s).returns(result(DURATION, ERROR_CODE)));
        m.put("set-keep-alive-interval", method(s).param("value", DURATION).returns(unit));
        m.put("keep-alive-count", method(s).returns(result(U32, ERROR_CODE)));
        m.put("set-keep-alive-count", method(s).param("value", U32).returns(unit));
        m.put("hop-limit", method(s).returns(result(U8, ERROR_CODE)));
        m.put("set-hop-limit", method(s).param("value", U8).returns(unit));
        m.put("receive-buffer-size", method(s).returns(result(U64, ERROR_CODE)));
        m.put("set-receive-buffer-size", method(s).param("value", U64).returns(unit));
        m.put("send-buffer-size", method(s).returns(result(U64, ERROR_CODE)));
        m.put("set-send-buffer-size", method(s).param("value", U64).returns(unit));
        m.put("subscribe", method(s).returns(own(Io.POLLABLE)));
        m.put("shutdown", method(s).param("shutdown-type", SHUTDOWN_TYPE).returns(unit));
        return m;
    }

    static Map<String, FuncType> udpMethods() {
        ResourceType s = UDP_SOCKET;
        ValType unit = result(null, ERROR_CODE);
        Map<String, FuncType> m = new LinkedHashMap<>();
        m.put("start-bind", method(s).params("network", borrow(NETWORK), "local-address", IP_SOCKET_ADDRESS).returns(unit));
        m.put("finish-bind", method(s).returns(unit));
        m.put("stream", method(s).param("remote-address", option(IP_SOCKET_ADDRESS)).returns(result(
                tuple(own(INCOMING_DATAGRAM_STREAM), own(OUTGOING_DATAGRAM_STREAM)), ERROR_CODE)));
        m.put("local-address", method(s).returns(result(IP_SOCKET_ADDRESS, ERROR_CODE)));
        m.put("remote-address", method(s).returns(result(IP_SOCKET_ADDRESS, ERROR_CODE)));
        m.put("address-family", method(s).returns(IP_ADDRESS_FAMILY));
        m.put("unicast-hop-limit", method(s).returns(result(U8, ERROR_CODE)));
        m.put("set-unicast-hop-limit", method(s).param("value", U8).returns(unit));
        m.put("receive-buffer-size", method(s).returns(result(U64, ERROR_CODE)));
        m.put("set-receive-buffer-size", method(s).param("value", U64).returns(unit));
        m.put("send-buffer-size", method(s).returns(result(U64, ERROR_CODE)));
        m.put("set-send-buffer-size", method(s).param("value", U64).returns(unit));
        m.put("subscribe", method(s).returns(own(Io.POLLABLE)));
        return m;
    }
}
