package com.mspanalytics.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mspanalytics.connectors.OutboundUrlPolicy;
import com.mspanalytics.connectors.OutboundUrlRejected;
import com.mspanalytics.connectors.TestOutbound;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    private DigestMailer mailer(OutboundUrlPolicy policy) {
        return new DigestMailer(policy, new DigestProperties(false, Duration.ofMinutes(15), Duration.ofHours(12),
                Duration.ofSeconds(5)));
    }

    private Map<String, String> settings(String host) {
        return Map.of("host", host, "port", String.valueOf(smtp.getSmtp().getPort()), "from", "digest@msp.test",
                "to", "owner@msp.test", "startTls", "false");
    }
}
