package com.mspanalytics.llm;

import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * AI summaries of KPI results with Claude: the API of this feature for {@code POST /llm/summarize} and for other
 * features (the weekly digest). Runs as the tenant bound to the thread; outside a request, wrap the call in
 * {@code TenantContext.callAs(tenant, …)}.
 *
 * <p>Metrics: {@code msp.llm.calls} by {@code outcome} (success, not-configured, budget-exhausted, rate-limited,
 * overloaded, key-refused, …) and {@code msp.llm.tokens} by {@code model} (a priced model, else "other", so that a
 * tenant's model name cannot grow the series) and {@code type} (input, output).
 */
@Service
public class LlmSummaries {

    private static final Logger log = LoggerFactory.getLogger(LlmSummaries.class);

    private final CredentialVault vault;
    private final LlmProperties properties;
    private final TokenBudget budget;
    private final Claude claude;
    private final JsonMapper json;
    private final MeterRegistry meters;

    LlmSummaries(CredentialVault vault, LlmProperties properties, TokenBudget budget, Claude claude, JsonMapper json,
            MeterRegistry meters) {
        this.vault = vault;
        this.properties = properties;
        this.budget = budget;
        this.claude = claude;
        this.json = json;
        this.meters = meters;
    }

    /**
     * Claude's summary of {@code result}, a result of the current tenant: the account manager's brief for KPIs 01
     * and 06, a short summary for the others. The tokens are recorded in {@code llm_usage}.
     *
     * @return empty when no LLM is configured for the tenant (neither its anthropic settings nor ANTHROPIC_API_KEY)
     * @throws LlmUnavailable when the monthly token budget is spent (no request is sent), the key is refused,
     *         Claude is still rate limited or overloaded after retries, or cannot be reached
     */
    public Optional<Summary> summarize(KpiResult result) {
        TenantId tenant = TenantContext.require();
        if (!tenant.toString().equals(result.tenant())) {
            throw new IllegalArgumentException("Result " + result.id() + " is not a result of tenant " + tenant);
        }
        try {
            Optional<ClaudeAccount> account = ClaudeAccount.resolve(
                    vault.find(tenant, ConnectorFields.ANTHROPIC.connectorName()), properties);
            if (account.isEmpty()) {
                count("not-configured");
                return Optional.empty();
            }
            Summary summary = summarize(tenant, account.get(), result);
            count("success");
            return Optional.of(summary);
        } catch (LlmUnavailable e) {
            log.info("No LLM summary of {} result {} for tenant {}: {}", result.kpi(), result.id(), tenant, e.outcome());
            count(e.outcome());
            throw e;
        }
    }

    private Summary summarize(TenantId tenant, ClaudeAccount account, KpiResult result) {
        KpiPrompt prompt = KpiPrompt.of(result, properties.maxRows(), json);
        UUID reservation = budget.reserve(tenant, account.monthlyTokenBudget(), account.model(), result,
                estimatedTokens(prompt));
        Claude.Reply reply;
        try {
            reply = claude.ask(account, prompt);
        } catch (RuntimeException e) {
            budget.release(reservation);
            throw e;
        }
        BigDecimal cost = properties.priceOf(reply.model()).cost(reply.inputTokens(), reply.outputTokens());
        budget.record(reservation, reply, cost);
        String modelTag = Optional.ofNullable(properties.pricedModel(reply.model())).orElse("other");
        meters.counter("msp.llm.tokens", "model", modelTag, "type", "input").increment(reply.inputTokens());
        meters.counter("msp.llm.tokens", "model", modelTag, "type", "output").increment(reply.outputTokens());
        log.atInfo()
                .addKeyValue("tenant", tenant).addKeyValue("kpi", result.kpi()).addKeyValue("resultId", result.id())
                .addKeyValue("model", reply.model()).addKeyValue("inputTokens", reply.inputTokens())
                .addKeyValue("outputTokens", reply.outputTokens()).addKeyValue("costEstimate", cost)
                .addKeyValue("requestId", reply.requestId())
                .log("LLM summary of {} for tenant {}: {} input + {} output tokens of {}", result.kpi(), tenant,
                        reply.inputTokens(), reply.outputTokens(), reply.model());
        return new Summary(reply.text(), reply.model(), new Summary.Usage(reply.inputTokens(), reply.outputTokens()),
                cost, result.kpi(), result.id());
    }

    /**
     * What the budget reserves before the call: the prompt at one token per three characters (English and JSON
     * average nearer four) plus the whole output allowance. Replaced by the real counts once Claude answers.
     */
    private long estimatedTokens(KpiPrompt prompt) {
        return (prompt.system().length() + prompt.user().length()) / 3 + properties.maxOutputTokens();
    }

    private void count(String outcome) {
        meters.counter("msp.llm.calls", "outcome", outcome).increment();
    }
}
