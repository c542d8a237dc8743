package com.mspanalytics.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets to a listener on loopback; the names resolve only through the test's DNS. */
class VettingSocketFactoryTests {

    ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(300);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void connectsToTheAddressThePolicyVettedForTheName() throws IOException {
        VettingSocketFactory sockets = factory(TestOutbound.policy(true, TestOutbound.dns(Map.of("smtp.example", "127.0.0.1"))));

        try (Socket socket = sockets.createSocket("smtp.example", port()); Socket accepted = server.accept()) {
            assertThat(socket.getInetAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(accepted.getPort()).isEqualTo(socket.getLocalPort());
        }
    }

    /** Jakarta Mail resolves the host itself ({@code new InetSocketAddress(host, port)}); that answer is not used. */
    @Test
    void connectsToTheVettedAddressNotOneTheCallerResolvedItself() throws IOException {
        VettingSocketFactory sockets = factory(TestOutbound.policy(true, TestOutbound.dns(Map.of("smtp.example", "127.0.0.1"))));
        InetAddress resolvedByTheCaller = InetAddress.getByAddress("smtp.example", new byte[] {10, 9, 9, 9});

        try (Socket socket = sockets.createSocket()) {
            socket.connect(new InetSocketAddress(resolvedByTheCaller, port()), 2_000);

            assertThat(socket.getInetAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            server.accept().close();
        }
    }

    @Test
    void refusesAPrivateAddressInProductionWithoutConnecting() {
        VettingSocketFactory sockets = factory(TestOutbound.policy(false, TestOutbound.dns(Map.of("smtp.internal.example", "127.0.0.1"))));

        assertThatThrownBy(() -> sockets.createSocket("smtp.internal.example", port()))
                .isInstanceOf(OutboundUrlRejected.class)
                .hasMessage("Refusing to call host 'smtp.internal.example': it resolves to a loopback address");
        assertThatThrownBy(() -> sockets.createSocket(InetAddress.getLoopbackAddress(), port()))
                .isInstanceOf(OutboundUrlRejected.class).hasMessageContaining("a loopback address");
        assertNothingConnected();
    }

    /** The check sees a public address, the connection's own lookup loopback: no connection. */
    @Test
    void vetsTheLookupTheConnectionUsesAgainstDnsRebinding() {
        AtomicInteger lookups = new AtomicInteger();
        OutboundUrlPolicy policy = TestOutbound.policy(false,
                TestOutbound.rebinding("smtp.rebinding.example", "93.184.216.34", "127.0.0.1", lookups));
        VettingSocketFactory sockets = factory(policy);
        assertThat(policy.addressesOf("smtp.rebinding.example")).as("the check passes").isNotEmpty();

        assertThatThrownBy(() -> sockets.createSocket("smtp.rebinding.example", port()))
                .isInstanceOf(OutboundUrlRejected.class).hasMessageContaining("it resolves to a loopback address");
        assertThat(lookups).hasValue(2);
        assertNothingConnected();
    }

    private static VettingSocketFactory factory(OutboundUrlPolicy policy) {
        return new VettingSocketFactory(policy, Duration.ofSeconds(2));
    }

    private int port() {
        return server.getLocalPort();
    }

    private void assertNothingConnected() {
        assertThatThrownBy(() -> server.accept().close()).isInstanceOf(SocketTimeoutException.class);
    }
}
