package com.mspanalytics.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * There is no DNS here, so names resolve through a table; IP literals and {@code localhost} resolve
 * locally without any lookup. Nothing is ever connected to.
 */
class OutboundUrlPolicyTests {

    static final Map<String, InetAddress[]> DNS = Map.of(
            "api.example", addresses("93.184.216.34"),
            "internal.example", addresses("10.1.2.3"),
            "metadata.example", addresses("169.254.169.254"),
            "rebind.example", addresses("93.184.216.34", "127.0.0.1"),
            "v6.example", addresses("2606:2800:220:1:248:1893:25c8:1946"),
            "mapped.example", new InetAddress[] {ipv6("00000000000000000000ffffa9fea9fe")});

    static InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] known = DNS.get(host);
        if (known != null) {
            return known;
        }
        if (host.equals("localhost") || host.startsWith("[") || host.matches("[0-9.]+")) {
            return InetAddress.getAllByName(host);
        }
        throw new UnknownHostException(host);
    }

    final OutboundUrlPolicy production = new OutboundUrlPolicy(false, OutboundUrlPolicyTests::resolve);
    final OutboundUrlPolicy privateAllowed = new OutboundUrlPolicy(true, OutboundUrlPolicyTests::resolve);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://93.184.216.34/",
            "https://api.example/v4_6_release/apis/3.0?conditions=x",
            "https://api.example:8443/",
            "https://v6.example/",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/",
            "https://[::ffff:93.184.216.34]/",
            "https://172.32.0.1/",
            "https://100.128.0.1/",
            "https://[64:ff9b::5db8:d822]/"})
    void acceptsHttpsToPublicAddresses(String url) {
        assertThat(production.check(URI.create(url))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "http://93.184.216.34/           | only https URLs are allowed",
            "ftp://93.184.216.34/            | only https URLs are allowed",
            "https://user:pw@93.184.216.34/  | credentials in the URL",
            "https://127.0.0.1/              | a loopback address",
            "https://127.8.9.10:6379/        | a loopback address",
            "https://localhost/              | a loopback address",
            "https://[::1]/                  | a loopback address",
            "https://0.0.0.0/                | an unspecified address",
            "https://[::]/                   | an unspecified address",
            "https://10.0.0.5/               | a private address",
            "https://172.16.0.1/             | a private address",
            "https://172.31.255.255/         | a private address",
            "https://192.168.1.1/            | a private address",
            "https://169.254.169.254/latest  | a link-local address (cloud metadata lives there)",
            "https://100.64.0.1/             | a carrier-grade NAT address",
            "https://224.0.0.251/            | a multicast address",
            "https://255.255.255.255/        | a reserved address",
            "https://[fc00::1]/              | a unique-local address",
            "https://[fd00:ec2::254]/        | a unique-local address",
            "https://[fe80::1]/              | a link-local address",
            "https://[ff02::1]/              | a multicast address",
            "https://[::ffff:169.254.169.254]/ | a link-local address (cloud metadata lives there)",
            "https://[::ffff:127.0.0.1]/     | a loopback address",
            "https://[64:ff9b::a00:1]/       | a private address inside an IPv6 address",
            "https://[2002:a00:1::1]/        | a private address inside an IPv6 address",
            "https://internal.example/       | it resolves to a private address",
            "https://metadata.example/       | it resolves to a link-local address",
            "https://rebind.example/         | it resolves to a loopback address",
            "https://mapped.example/         | a link-local address (cloud metadata lives there) inside an IPv6 address",
            "https://nowhere.example/        | it does not resolve",
            "file:///etc/passwd              | the URL has no host"})
    void rejectsInProductionNamingHostAndReason(String url, String reason) {
        assertThatThrownBy(() -> production.check(URI.create(url)))
                .isInstanceOf(OutboundUrlRejected.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("host '" + Objects.requireNonNullElse(URI.create(url).getHost(), "(none)") + "'");
    }

    @Test
    void neverPutsThePathQueryOrResolvedAddressInTheMessage() {
        URI webhook = URI.create("https://internal.example/services/T000/B000/sEcReTpAtH?token=sEcReTqUeRy");

        assertThatThrownBy(() -> production.check(webhook))
                .isInstanceOf(OutboundUrlRejected.class)
                .hasMessage("Refusing to call host 'internal.example': it resolves to a private address")
                .satisfies(e -> assertThat(((OutboundUrlRejected) e).host()).isEqualTo("internal.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/", "https://localhost/", "http://[::1]:9000/", "http://internal.example/"})
    void allowsLoopbackPrivateAndHttpWhenConfigured(String url) {
        assertThat(privateAllowed.check(URI.create(url))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/", "https://user:pw@localhost/", "https://nowhere.example/"})
    void stillRejectsOtherSchemesCredentialsAndUnknownHostsWhenPrivateIsAllowed(String url) {
        assertThatThrownBy(() -> privateAllowed.check(URI.create(url))).isInstanceOf(OutboundUrlRejected.class);
    }

    @Test
    void returnsEveryVettedAddressForPinning() {
        assertThat(production.check(URI.create("https://api.example/"))).containsExactly(addresses("93.184.216.34"));
    }

    @Test
    void allowsPrivateAddressesByDefaultOnlyInEmbeddedMode() {
        URI loopback = URI.create("http://127.0.0.1:8089/");
        MockEnvironment embedded = new MockEnvironment();
        MockEnvironment production = new MockEnvironment().withProperty("DATABASE_URL", "jdbc:postgresql://db:5432/msp");

        assertThat(policy(null, embedded).check(loopback)).isNotEmpty();
        assertThatThrownBy(() -> policy(null, production).check(loopback)).isInstanceOf(OutboundUrlRejected.class);
        assertThat(policy(true, production).check(loopback)).isNotEmpty();
        assertThatThrownBy(() -> policy(false, embedded).check(loopback)).isInstanceOf(OutboundUrlRejected.class);
    }

    private static OutboundUrlPolicy policy(Boolean allowPrivateAddresses, MockEnvironment environment) {
        return new OutboundUrlPolicy(
                new ConnectorsProperties(allowPrivateAddresses, Duration.ofSeconds(5), Duration.ofSeconds(30)), environment);
    }

    static InetAddress[] addresses(String... literals) {
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            try {
                addresses[i] = InetAddress.getByName(literals[i]);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return addresses;
    }

    /** Inet6Address.getByAddress keeps an IPv4-mapped address as IPv6, as a hostile DNS answer may arrive. */
    private static InetAddress ipv6(String hex) {
        try {
            return Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
