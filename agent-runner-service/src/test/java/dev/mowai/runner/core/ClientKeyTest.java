package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientKeyTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertEquals("203.0.113.7", ClientKey.of("203.0.113.7"));
        assertEquals("127.0.0.1", ClientKey.of(" 127.0.0.1 "));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() {
        String a = ClientKey.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("2001:0db8:0001:0002::/64", a);
        assertEquals(a, ClientKey.of("2001:db8:1:2::1"));
        assertEquals(a, ClientKey.of("[2001:0db8:0001:0002:ffff::9]"));
        assertEquals(a, ClientKey.of("2001:db8:1:2::1%eth0"));
        assertEquals("2001:0db8:0001:0003::/64", ClientKey.of("2001:db8:1:3::1"));
    }

    @Test
    void anIpv4MappedAddressCountsAsTheIpv4Address() {
        assertEquals("192.0.2.1", ClientKey.of("::ffff:192.0.2.1"));
    }

    @Test
    void noAddressIsOneSharedKey() {
        assertEquals("unknown", ClientKey.of(null));
        assertEquals("unknown", ClientKey.of(" "));
    }
}
