package com.mspanalytics.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** Real HTTP against a server on loopback; no other address is ever connected to. */
class OutboundHttpTests {

    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            hits.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            hits.incrementAndGet();
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void callsALoopbackServerWhenPrivateAddressesAreAllowed() throws IOException {
        try (Clients clients = new Clients(new OutboundUrlPolicy(true, OutboundUrlPolicyTests::resolve))) {
            String body = clients.rest().get().uri(url("http", "/ok")).retrieve().body(String.class);

            assertThat(body).isEqualTo("ok");
        }
    }

    @Test
    void returnsRedirectsInsteadOfFollowingThem() throws IOException {
        try (Clients clients = new Clients(new OutboundUrlPolicy(true, OutboundUrlPolicyTests::resolve))) {
            ResponseEntity<Void> response = clients.rest().get().uri(url("http", "/redirect")).retrieve().toBodilessEntity();

            assertThat(response.getStatusCode().value()).isEqualTo(302);
            assertThat(response.getHeaders().getLocation()).hasHost("169.254.169.254");
            assertThat(hits).hasValue(1);
        }
    }

    @Test
    void refusesLoopbackBeforeConnectingInProduction() throws IOException {
        try (Clients clients = new Clients(new OutboundUrlPolicy(false, OutboundUrlPolicyTests::resolve))) {
            assertThatThrownBy(() -> clients.rest().get().uri(url("http", "/ok")).retrieve().body(String.class))
                    .isInstanceOf(OutboundUrlRejected.class).hasMessageContaining("only https");
            assertThatThrownBy(() -> clients.rest().get().uri(url("https", "/ok")).retrieve().body(String.class))
                    .isInstanceOf(OutboundUrlRejected.class).hasMessageContaining("a loopback address");
            assertThat(hits).hasValue(0);
        }
    }

    /** The request check sees a public answer; the connection's own lookup gets loopback and is refused. */
    @Test
    void vetsTheAddressTheConnectionUsesAgainstDnsRebinding() throws IOException {
        OutboundUrlPolicy policy = new OutboundUrlPolicy(false, host -> {
            if (!host.equals("rebinding.example")) {
                throw new UnknownHostException(host);
            }
            return OutboundUrlPolicyTests.addresses(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1");
        });
        try (Clients clients = new Clients(policy)) {
            String url = "https://rebinding.example:" + server.getAddress().getPort() + "/ok";

            assertThatThrownBy(() -> clients.rest().get().uri(url).retrieve().body(String.class))
                    .hasStackTraceContaining("OutboundUrlRejected")
                    .hasStackTraceContaining("it resolves to a loopback address");
            assertThat(lookups.get()).isGreaterThanOrEqualTo(2);
            assertThat(hits).hasValue(0);
        }
    }

    /** Not only names: the connection re-vets a literal address too, so nothing reaches a socket unchecked. */
    @Test
    void vetsLiteralAddressesWhenConnectingToo() throws IOException {
        OutboundUrlPolicy policy = new OutboundUrlPolicy(true, host -> {
            lookups.incrementAndGet();
            return OutboundUrlPolicyTests.resolve(host);
        });
        try (Clients clients = new Clients(policy)) {
            assertThat(clients.rest().get().uri(url("http", "/ok")).retrieve().body(String.class)).isEqualTo("ok");

            assertThat(lookups).as("one check per request, one per new connection").hasValue(2);
        }
    }

    @Test
    void givesUpWhenTheResponseIsSlowerThanTheReadTimeout() throws IOException {
        try (Clients clients = new Clients(new OutboundUrlPolicy(true, OutboundUrlPolicyTests::resolve),
                new ConnectorsProperties(true, Duration.ofSeconds(1), Duration.ofMillis(300)))) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> clients.rest().get().uri(url("http", "/slow")).retrieve().body(String.class))
                    .isInstanceOf(ResourceAccessException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    /** {@link OutboundHttp#send}, for libraries with an HTTP client interface of their own (the Claude client). */
    @Test
    void sendReturnsRedirectsUnfollowedAndWaitsOnlyItsOwnResponseTimeout() throws IOException {
        try (Clients clients = new Clients(new OutboundUrlPolicy(true, OutboundUrlPolicyTests::resolve))) {
            try (var response = clients.http.send(new HttpGet(url("http", "/redirect")), Duration.ofSeconds(5))) {
                assertThat(response.getCode()).isEqualTo(302);
            }
            assertThat(hits).hasValue(1);
            long started = System.nanoTime();

            assertThatThrownBy(() -> clients.http.send(new HttpGet(url("http", "/slow")), Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void sendChecksTheUrlAndVetsTheAddressTheConnectionUses() throws IOException {
        OutboundUrlPolicy policy = new OutboundUrlPolicy(false, TestOutbound.rebinding("rebinding.example",
                "93.184.216.34", "127.0.0.1", lookups)::resolve);
        try (Clients clients = new Clients(policy)) {
            assertThatThrownBy(() -> clients.http.send(new HttpGet(url("http", "/ok")), Duration.ofSeconds(5)))
                    .isInstanceOf(OutboundUrlRejected.class).hasMessageContaining("only https");

            assertThatThrownBy(() -> clients.http.send(
                    new HttpGet("https://rebinding.example:" + server.getAddress().getPort() + "/ok"), Duration.ofSeconds(5)))
                    .hasStackTraceContaining("OutboundUrlRejected")
                    .hasStackTraceContaining("it resolves to a loopback address");
            assertThat(lookups.get()).as("the check, then the connection's lookup").isEqualTo(2);
            assertThat(hits).hasValue(0);
        }
    }

    private String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** An {@link OutboundHttp} that the test closes, as the context would. */
    private static final class Clients implements AutoCloseable {

        private final OutboundHttp http;

        Clients(OutboundUrlPolicy policy) {
            this(policy, new ConnectorsProperties(null, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        }

        Clients(OutboundUrlPolicy policy, ConnectorsProperties properties) {
            this.http = new OutboundHttp(policy, properties);
        }

        RestClient rest() {
            return http.restClient().build();
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }
}
