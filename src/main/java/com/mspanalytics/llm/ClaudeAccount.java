package com.mspanalytics.llm;

import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.secrets.FieldKind;
import java.util.Map;
import java.util.Optional;

/**
 * The Claude a tenant's summaries use: its own {@code anthropic} connector settings when it has them,
 * else the operator's {@code ANTHROPIC_API_KEY}; empty when neither exists (no LLM configured).
 *
 * @param fromTenant whether the key is the tenant's own (what a refused key's problem tells it to fix)
 */
record ClaudeAccount(String apiKey, String model, String baseUrl, long monthlyTokenBudget, boolean fromTenant) {

    /**
     * @param tenantSettings the decrypted {@code anthropic} settings, when the tenant has stored some
     * @throws LlmUnavailable when the tenant's {@code monthlyTokenBudget} is not a whole number
     */
    static Optional<ClaudeAccount> resolve(Optional<Map<String, String>> tenantSettings, LlmProperties defaults) {
        if (tenantSettings.isPresent()) {
            Map<String, String> settings = tenantSettings.get();
            return Optional.of(new ClaudeAccount(settings.get("apiKey"),
                    orDefault(settings.get("model"), defaults.model()),
                    orDefault(settings.get("baseUrl"), defaults.baseUrl()),
                    budget(settings, defaults.monthlyTokenBudget()), true));
        }
        return Optional.ofNullable(defaults.apiKey()).map(key -> new ClaudeAccount(key, defaults.model(),
                defaults.baseUrl(), defaults.monthlyTokenBudget(), false));
    }

    /** Where to fix the key or the budget, for problem details. */
    String configuredBy() {
        return fromTenant ? "this tenant's anthropic settings (PUT /settings/connectors/anthropic)"
                : "the server's ANTHROPIC_API_KEY";
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ClaudeAccount[model=" + model + ", baseUrl=" + baseUrl + ", monthlyTokenBudget=" + monthlyTokenBudget
                + ", fromTenant=" + fromTenant + "]";
    }

    /** Read the way {@code PUT /settings/connectors/anthropic} checked it; a value from before that check may be bad. */
    private static long budget(Map<String, String> settings, long fallback) {
        try {
            return ConnectorFields.ANTHROPIC.value(settings, "monthlyTokenBudget", FieldKind.COUNT).orElse(fallback);
        } catch (FieldKind.InvalidValue e) {
            throw LlmUnavailable.misconfigured("monthlyTokenBudget in this tenant's anthropic settings " + e.getMessage()
                    + "; fix it with PUT /settings/connectors/anthropic.");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
