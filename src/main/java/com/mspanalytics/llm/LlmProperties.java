package com.mspanalytics.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Claude for AI summaries. A tenant's own {@code anthropic} connector settings win; these are the
 * operator's fallback and the limits every call obeys.
 *
 * @param apiKey {@code ANTHROPIC_API_KEY}: used for tenants without their own settings; blank = none
 * @param model model of tenants that name none ({@code ANTHROPIC_MODEL})
 * @param baseUrl where Claude is called when the tenant names no {@code baseUrl} ({@code ANTHROPIC_BASE_URL})
 * @param monthlyTokenBudget input plus output tokens per tenant and calendar month, unless its settings say otherwise
 * @param maxOutputTokens {@code max_tokens} of every request: a summary is a few sentences
 * @param maxRows how many of a result's rows (the most actionable first) are sent
 * @param timeout per attempt
 * @param maxRetries retries of 408, 409, 429 and 5xx/529, honouring {@code retry-after}
 * @param prices model id → US dollars per million tokens; a dated id ({@code claude-sonnet-4-5-20250929})
 *        takes the price of its undated prefix
 * @param defaultPrice the price of a model {@code prices} does not list
 */
@ConfigurationProperties("msp.llm")
record LlmProperties(
        String apiKey,
        String model,
        String baseUrl,
        @DefaultValue("1000000") long monthlyTokenBudget,
        @DefaultValue("512") int maxOutputTokens,
        @DefaultValue("10") int maxRows,
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("2") int maxRetries,
        Map<String, Price> prices,
        @DefaultValue Price defaultPrice) {

    static final String ANTHROPIC_API = "https://api.anthropic.com";
    static final String DEFAULT_MODEL = "claude-sonnet-4-5";

    LlmProperties {
        // Blank counts as unset, so a compose file can pass ${ANTHROPIC_MODEL:-} through.
        apiKey = blankToNull(apiKey);
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? ANTHROPIC_API : baseUrl;
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    /** The price list entry of {@code model} (exact, else its undated prefix), or null when none. */
    String pricedModel(String model) {
        if (prices.containsKey(model)) {
            return model;
        }
        return prices.keySet().stream().filter(known -> model.startsWith(known + "-"))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
    }

    Price priceOf(String model) {
        String priced = pricedModel(model);
        return priced == null ? defaultPrice : prices.get(priced);
    }

    /** Never prints the key: this record may end up in a log line or a failure analysis. */
    @Override
    public String toString() {
        return "LlmProperties[apiKey=" + (apiKey == null ? "none" : "****") + ", model=" + model + ", baseUrl="
                + baseUrl + ", monthlyTokenBudget=" + monthlyTokenBudget + ", maxOutputTokens=" + maxOutputTokens
                + ", maxRows=" + maxRows + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", prices="
                + prices + ", defaultPrice=" + defaultPrice + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** US dollars per million input and output tokens. */
    record Price(@DefaultValue("3.00") BigDecimal input, @DefaultValue("15.00") BigDecimal output) {

        private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

        BigDecimal cost(long inputTokens, long outputTokens) {
            return input.multiply(BigDecimal.valueOf(inputTokens)).add(output.multiply(BigDecimal.valueOf(outputTokens)))
                    .divide(MILLION, 6, RoundingMode.HALF_UP);
        }
    }
}
