package com.mspanalytics.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaudeAccountTests {

    static LlmProperties properties(String apiKey) {
        return new LlmProperties(apiKey, " ", null, 1_000, 512, 10, Duration.ofSeconds(60), 2,
                Map.of("claude-sonnet-4-5", new LlmProperties.Price(new BigDecimal("3.00"), new BigDecimal("15.00")),
                        "claude-haiku-4-5", new LlmProperties.Price(new BigDecimal("1.00"), new BigDecimal("5.00"))),
                new LlmProperties.Price(new BigDecimal("10.00"), new BigDecimal("50.00")));
    }

    @Test
    void theTenantsSettingsWinOverTheServersKey() {
        var account = ClaudeAccount.resolve(Optional.of(Map.of("apiKey", "sk-tenant", "model", "claude-haiku-4-5",
                "baseUrl", "https://llm.example", "monthlyTokenBudget", "5000")), properties("sk-server")).orElseThrow();

        assertThat(account).isEqualTo(new ClaudeAccount("sk-tenant", "claude-haiku-4-5", "https://llm.example", 5000, true));
        assertThat(account.toString()).doesNotContain("sk-tenant");
    }

    @Test
    void missingTenantFieldsTakeTheServersDefaults() {
        var account = ClaudeAccount.resolve(Optional.of(Map.of("apiKey", "sk-tenant")), properties(null)).orElseThrow();

        assertThat(account).isEqualTo(new ClaudeAccount("sk-tenant", "claude-sonnet-4-5", "https://api.anthropic.com",
                1_000, true));
    }

    @Test
    void withoutTenantSettingsTheServersKeyIsUsedAndWithoutEitherThereIsNoLlm() {
        assertThat(ClaudeAccount.resolve(Optional.empty(), properties("sk-server")))
                .hasValue(new ClaudeAccount("sk-server", "claude-sonnet-4-5", "https://api.anthropic.com", 1_000, false));
        assertThat(ClaudeAccount.resolve(Optional.empty(), properties(""))).isEmpty();
        assertThat(properties("sk-server").toString()).doesNotContain("sk-server");
    }

    @Test
    void aBudgetThatIsNotAWholeNumberIsAProblem() {
        assertThatThrownBy(() -> ClaudeAccount.resolve(Optional.of(Map.of("apiKey", "k", "monthlyTokenBudget", "lots")),
                properties(null))).isInstanceOf(LlmUnavailable.class).hasMessageContaining("monthlyTokenBudget");
        assertThatThrownBy(() -> ClaudeAccount.resolve(Optional.of(Map.of("apiKey", "k", "monthlyTokenBudget", "-5")),
                properties(null))).isInstanceOf(LlmUnavailable.class)
                .hasMessageContaining("monthlyTokenBudget").hasMessageContaining("0 or more").hasMessageNotContaining("-5");
    }

    @Test
    void pricesByModelDatedIdsByTheirPrefixAndUnknownModelsByTheDefault() {
        LlmProperties properties = properties(null);

        assertThat(properties.priceOf("claude-haiku-4-5").cost(1_000_000, 100_000)).isEqualByComparingTo("1.50");
        assertThat(properties.priceOf("claude-sonnet-4-5-20250929").cost(1_000, 1_000)).isEqualByComparingTo("0.018");
        assertThat(properties.pricedModel("claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5");
        assertThat(properties.pricedModel("claude-mythos-5")).isNull();
        assertThat(properties.priceOf("claude-mythos-5").cost(100_000, 0)).isEqualByComparingTo("1.00");
    }
}
