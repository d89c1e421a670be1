package dev.mowai.runner.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a client's rate limits are counted under: its IPv4 address, or the /64 network of its IPv6
 * address (one host usually has a whole /64 to pick addresses from, so counting single IPv6 addresses
 * would let it dodge the limit).
 */
public final class ClientKey {

    private ClientKey() {
    }

    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.indexOf(':') < 0) {
            return a;
        }
        try {
            // A literal: parsed without any name lookup.
            byte[] bytes = InetAddress.getByName(a.replaceFirst("%.*$", "")).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8).replaceAll("(.{4})(?!$)", "$1:") + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
