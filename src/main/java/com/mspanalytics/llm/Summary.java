package com.mspanalytics.llm;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.UUID;

/** Claude's summary of one KPI result, with what it cost. */
@Schema(name = "LlmSummary", description = "An AI summary of a KPI result (for sales-opportunities and "
        + "improvement-projects: the account manager's brief)")
public record Summary(
        @Schema(description = "Plain text: a brief of 2–4 sentences for KPIs 01 and 06, a short summary otherwise")
        String summary,
        @Schema(description = "The model that wrote it", example = "claude-sonnet-4-5") String model,
        Usage usage,
        @Schema(description = "Estimated cost in US dollars, from the configured per-model prices", example = "0.004215")
        BigDecimal costEstimate,
        @Schema(description = "The summarised result's KPI", example = "ticket-trends") String kpi,
        @Schema(description = "The summarised result's id") UUID resultId) {

    /** Tokens as Anthropic counted them; they count against the tenant's monthly budget. */
    @Schema(name = "LlmTokenUsage")
    public record Usage(long inputTokens, long outputTokens) {
    }
}
