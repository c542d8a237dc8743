package com.mspanalytics.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.outbound.TestOutbound;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mailer against a real SMTP server (GreenMail) on loopback, its host names resolved only by the SSRF policy's
 * DNS: the made-up names below exist nowhere else.
 */
class DigestMailerTests {

    static final DigestRenderer.Rendered DIGEST = new DigestRenderer.Rendered("Weekly digest", "<p>9.0 hours</p>",
            "9.0 hours", Map.of());

    GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void theMailArrivesThroughTheAddressThePolicyVetted() throws Exception {
        DigestMailer mailer = mailer(TestOutbound.policy(true, TestOutbound.dns(Map.of("smtp.made-up.test", "127.0.0.1"))));

        assertThat(mailer.send(settings("smtp.made-up.test"), DIGEST)).containsExactly("owner@msp.test");

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Weekly digest");
    }

    @Test
    void aHostResolvingToAPrivateAddressIsRefusedWithTheReasonAndNothingIsSent() {
        DigestMailer mailer = mailer(TestOutbound.policy(false, TestOutbound.dns(Map.of("smtp.internal.test", "127.0.0.1"))));

        assertThatThrownBy(() -> mailer.send(settings("smtp.internal.test"), DIGEST))
                .isInstanceOf(OutboundUrlRejected.class)
                .hasMessage("Refusing to call host 'smtp.internal.test': it resolves to a loopback address");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    /**
     * The check before the send sees a public address, the connection's lookup loopback. The host is
     * {@code localhost}, which the system would resolve to GreenMail: had Jakarta Mail fallen back to a socket of its
     * own, the digest would have arrived.
     */
    @Test
    void aHostRebindingToLoopbackAfterTheCheckGetsNoConnection() {
        AtomicInteger lookups = new AtomicInteger();
        DigestMailer mailer = mailer(TestOutbound.policy(false,
                TestOutbound.rebinding("localhost", "93.184.216.34", "127.0.0.1", lookups)));

        assertThatThrownBy(() -> mailer.send(settings("localhost"), DIGEST))
                .isInstanceOf(OutboundUrlRejected.class)
                .hasMessage("Refusing to call host 'localhost': it resolves to a loopback address");
        assertThat(lookups).as("the check, then the connection").hasValue(2);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    /**
     * STARTTLS layers TLS over the vetted socket and still checks the certificate against the host name. The server
     * presents GreenMail's self-signed certificate (CN "GreenMail selfsigned Test Certificate"); the test trusts the
     * certificate itself ({@code mail.smtp.ssl.trust=*}) so that only the name can fail it.
     */
    @Test
    void startTlsChecksTheServersCertificateAgainstTheHostName() throws Exception {
        DigestMailer mailer = mailer(TestOutbound.policy(true, TestOutbound.dns(Map.of("smtp.made-up.test", "127.0.0.1"))));
        try (StartTlsServer server = new StartTlsServer()) {
            JavaMailSenderImpl sender = startTlsSender(mailer, server);

            assertThatThrownBy(() -> sender.send(message(sender)))
                    .hasRootCauseMessage("No name matching smtp.made-up.test found")
                    .hasStackTraceContaining("SSLHandshakeException");
            assertThat(server.handshakes()).isZero();
        }
        try (StartTlsServer server = new StartTlsServer()) {
            JavaMailSenderImpl sender = startTlsSender(mailer, server);
            sender.getJavaMailProperties().put("mail.smtp.ssl.checkserveridentity", "false");

            assertThatThrownBy(() -> sender.send(message(sender))).as("the server hangs up after the handshake");
            assertThat(server.handshakes()).as("without the name check the same certificate passes").isEqualTo(1);
        }
    }

    private JavaMailSenderImpl startTlsSender(DigestMailer mailer, StartTlsServer server) {
        Map<String, String> smtp = new HashMap<>(settings("smtp.made-up.test"));
        smtp.put("port", String.valueOf(server.port()));
        smtp.put("startTls", "true");
        JavaMailSenderImpl sender = mailer.sender(smtp);
        sender.getJavaMailProperties().put("mail.smtp.ssl.trust", "*");
        return sender;
    }

    private static MimeMessage message(JavaMailSenderImpl sender) throws Exception {
        MimeMessage message = sender.createMimeMessage();
        message.setFrom("digest@msp.test");
        message.setRecipients(MimeMessage.RecipientType.TO, "owner@msp.test");
        message.setSubject("Weekly digest");
        message.setText("9.0 hours");
        return message;
    }

    private DigestMailer mailer(OutboundUrlPolicy policy) {
        return new DigestMailer(policy, new DigestProperties(false, Duration.ofMinutes(15), Duration.ofHours(12),
                Duration.ofSeconds(5)));
    }

    private Map<String, String> settings(String host) {
        return Map.of("host", host, "port", String.valueOf(smtp.getSmtp().getPort()), "from", "digest@msp.test",
                "to", "owner@msp.test", "startTls", "false");
    }

    /** Just enough SMTP to offer STARTTLS, then a TLS handshake with GreenMail's certificate; counts the handshakes that succeed. */
    private static final class StartTlsServer implements AutoCloseable {

        private final ServerSocket listener;
        private final SSLContext tls;
        private final AtomicInteger handshakes = new AtomicInteger();
        private final Thread thread;

        StartTlsServer() throws Exception {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
                keys.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "changeit".toCharArray());
            tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            thread = new Thread(this::serve, "start-tls-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int handshakes() throws InterruptedException {
            thread.join(5_000);
            return handshakes.get();
        }

        private void serve() {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(5_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                reply(out, "220 fake ESMTP");
                in.readLine();
                reply(out, "250-fake\r\n250 STARTTLS");
                in.readLine();
                reply(out, "220 go ahead");
                try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), false)) {
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    handshakes.incrementAndGet();
                }
            } catch (IOException e) {
                // The client refused the handshake or hung up.
            }
        }

        private static void reply(OutputStream out, String lines) throws IOException {
            out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
