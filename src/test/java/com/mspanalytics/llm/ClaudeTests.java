package com.mspanalytics.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.TestOutbound;
import com.mspanalytics.simulator.anthropic.AnthropicSimulator;
import com.mspanalytics.simulator.http.Faults;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claude's connections against the Anthropic simulator on loopback, its host names resolved only by the SSRF
 * policy's DNS: the made-up names below exist nowhere else, so a client resolving them itself would fail.
 */
class ClaudeTests {

    static final KpiPrompt PROMPT = new KpiPrompt("You are an MSP analyst.",
            "Northwind raised 18 tickets this week against a mean of 6. Summarise for the account manager.");

    AnthropicSimulator simulator;
    OutboundHttp http;

    @BeforeEach
    void startSimulator() {
        simulator = AnthropicSimulator.start(0, new Faults(7), 7);
    }

    @AfterEach
    void stop() {
        simulator.close();
        if (http != null) {
            TestOutbound.close(http);
        }
    }

    @Test
    void callsTheAddressThePolicyVettedForTheName() {
        Claude claude = claude(TestOutbound.policy(true, TestOutbound.dns(Map.of("claude.made-up.test", "127.0.0.1"))),
                Duration.ofSeconds(10));

        Claude.Reply reply = claude.ask(account("http", "claude.made-up.test"), PROMPT);

        assertThat(reply.text()).isEqualTo("There are no figures in the request to brief on.");
        assertThat(reply.inputTokens()).isPositive();
        assertThat(reply.requestId()).startsWith("req_");
        assertThat(simulator.server().requests()).hasSize(1);
        assertThat(simulator.server().requests().get(0).headers()).containsKey("anthropic-version");
    }

    @Test
    void refusesANameResolvingToLoopbackInProductionBeforeAnyRequest() {
        Claude claude = claude(TestOutbound.policy(false, TestOutbound.dns(Map.of("claude.internal.test", "127.0.0.1"))),
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> claude.ask(account("https", "claude.internal.test"), PROMPT))
                .isInstanceOfSatisfying(LlmUnavailable.class, e -> {
                    assertThat(e.outcome()).isEqualTo("url-refused");
                    assertThat(e.getBody().getDetail()).contains("'claude.internal.test': it resolves to a loopback address");
                });
        assertThat(simulator.server().requests()).isEmpty();
    }

    /** Every check of the URL sees a public address, the connection's own lookup loopback: it is refused there. */
    @Test
    void aHostRebindingToLoopbackAfterTheCheckGetsNoConnection() {
        AtomicInteger lookups = new AtomicInteger();
        Claude claude = claude(TestOutbound.policy(false,
                TestOutbound.rebinding("claude.rebinding.test", "93.184.216.34", "127.0.0.1", lookups)), Duration.ofSeconds(10));

        assertThatThrownBy(() -> claude.ask(account("https", "claude.rebinding.test"), PROMPT))
                .isInstanceOfSatisfying(LlmUnavailable.class, e -> {
                    assertThat(e.outcome()).as("refused by the policy, not a failed connection").isEqualTo("url-refused");
                    assertThat(e.getBody().getDetail()).contains("'claude.rebinding.test': it resolves to a loopback address");
                });
        assertThat(lookups.get()).as("checks, then the connection's lookup").isGreaterThanOrEqualTo(2);
        assertThat(simulator.server().requests()).isEmpty();
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnreachableInTime() {
        Claude claude = claude(TestOutbound.policy(true, TestOutbound.dns(Map.of())), Duration.ofMillis(500));
        simulator.server().faults().latency(Duration.ofSeconds(3));
        long started = System.nanoTime();

        assertThatThrownBy(() -> claude.ask(account("http", "127.0.0.1"), PROMPT))
                .isInstanceOfSatisfying(LlmUnavailable.class, e -> assertThat(e.outcome()).isEqualTo("unreachable"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private Claude claude(OutboundUrlPolicy policy, Duration timeout) {
        http = TestOutbound.http(policy, Duration.ofSeconds(2), Duration.ofSeconds(30));
        LlmProperties properties = new LlmProperties(null, null, null, 1_000_000, 512, 10, timeout, 0, Map.of(),
                new LlmProperties.Price(new BigDecimal("3.00"), new BigDecimal("15.00")));
        return new Claude(properties, policy, http);
    }

    private ClaudeAccount account(String scheme, String host) {
        int port = URI.create(simulator.server().baseUrl()).getPort();
        return new ClaudeAccount(simulator.connectorSettings().get("apiKey"), AnthropicSimulator.DEFAULT_MODEL,
                scheme + "://" + host + ":" + port, 1_000_000, true);
    }
}
