package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 10 ({@code project-impact}): did a finished project lower the client's tickets and hours. */
@Schema(name = "ProjectImpactBody")
public record ProjectImpactResult(Summary summary, List<Project> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.share("projects that reduced tickets", summary.projects() - summary.pending() == 0 ? null
                : (double) summary.reduced() / (summary.projects() - summary.pending()), Headline.Better.HIGHER);
    }

    @Schema(name = "ProjectImpactSummary")
    public record Summary(int projects, long reduced, long increased, long noChange, long pending, String test) {
    }

    /**
     * One project, most significant change first.
     *
     * @param domain the project's domain when only its tickets are compared, else null (all of the client's)
     * @param changePct change of the daily ticket rate; null without tickets before
     * @param pValue two-sided exact test of the two rates; null while the after window has not started
     * @param impact "reduced", "increased", "no change" (p ≥ alpha) or "pending"
     */
    @Schema(name = "ProjectImpactProject")
    public record Project(long projectId, String project, String client, @Nullable String clientIdentifier,
            long companyId, @Nullable String domain, LocalDate actualStart, LocalDate actualEnd, Span beforeWindow,
            Span afterWindow, long before, long after, BigDecimal beforeHours, BigDecimal afterHours,
            @Nullable BigDecimal changePct, @Nullable BigDecimal hoursChangePct, @Nullable BigDecimal pValue,
            String impact) {
    }

    /** The days compared on one side of the project. */
    @Schema(name = "ProjectImpactSpan")
    public record Span(LocalDate from, LocalDate to, long days) {
    }
}
