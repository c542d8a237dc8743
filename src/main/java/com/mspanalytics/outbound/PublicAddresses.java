package com.mspanalytics.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tells public unicast addresses from everything a tenant-supplied URL must not reach: the host
 * itself, private networks, cloud metadata, and IPv6 forms that wrap such an IPv4 address.
 */
final class PublicAddresses {

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "an unspecified address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a carrier-grade NAT address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address (cloud metadata lives there)"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "a reserved address"),
            block("192.0.2.0/24", "a documentation address"),
            block("192.168.0.0/16", "a private address"),
            block("198.18.0.0/15", "a reserved address"),
            block("198.51.100.0/24", "a documentation address"),
            block("203.0.113.0/24", "a documentation address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("::/128", "an unspecified address"),
            block("::1/128", "a loopback address"),
            block("::/96", "a deprecated IPv4-compatible address"),
            block("64:ff9b:1::/48", "a local NAT64 address"),
            block("100::/64", "a discard address"),
            block("2001::/32", "a Teredo tunnel address"),
            block("2001:db8::/32", "a documentation address"),
            block("fc00::/7", "a unique-local address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"),
            block("ff00::/8", "a multicast address"));

    private static final Block NAT64 = block("64:ff9b::/96", "");
    private static final Block SIX_TO_FOUR = block("2002::/16", "");

    private PublicAddresses() {
    }

    /** @return why {@code address} is not a public unicast address, or empty when it is one */
    static Optional<String> whyNotPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            return whyNotPublic(embedded.get()).map(reason -> reason + " inside an IPv6 address");
        }
        return whyNotPublic(bytes);
    }

    private static Optional<String> whyNotPublic(byte[] address) {
        return BLOCKS.stream().filter(block -> block.contains(address)).map(Block::reason).findFirst();
    }

    /**
     * IPv4-mapped ({@code ::ffff:a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) and 6to4
     * ({@code 2002:aabb:ccdd::}) addresses all lead to an IPv4 host, which is what must be judged.
     */
    private static Optional<byte[]> embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return Optional.empty();
        }
        boolean mapped = Arrays.equals(address, 0, 10, new byte[10], 0, 10)
                && address[10] == (byte) 0xff && address[11] == (byte) 0xff;
        if (mapped || NAT64.contains(address)) {
            return Optional.of(Arrays.copyOfRange(address, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Optional.of(Arrays.copyOfRange(address, 2, 6));
        }
        return Optional.empty();
    }

    private static Block block(String cidr, String reason) {
        String[] parts = cidr.split("/");
        try {
            // Literals only: getByName parses them without any DNS lookup.
            return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), reason);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    private record Block(byte[] network, int prefixLength, String reason) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            if (!Arrays.equals(address, 0, fullBytes, network, 0, fullBytes)) {
                return false;
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xff << (8 - remainingBits);
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
