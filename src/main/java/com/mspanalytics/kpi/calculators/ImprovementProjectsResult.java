package com.mspanalytics.kpi.calculators;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 06 ({@code improvement-projects}): recurring issues that would pay back a fix project, and how fast. */
@Schema(name = "ImprovementProjectsBody")
public record ImprovementProjectsResult(Summary summary, List<Project> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.money("yearly saving of fix projects", summary.totalAnnualSaving(), Headline.Better.LOWER);
    }

    /**
     * @param projects candidates with a positive return; the rows are the first {@code shown}
     * @param recurringCategories groups with at least {@code minRecurrence} tickets
     * @param aboveExpectation of those, the ones clearly above their expectation
     * @param baselineDays days of the baseline with history; null with {@code byClient}
     */
    @Schema(name = "ImprovementProjectsSummary")
    public record Summary(int projects, BigDecimal totalAnnualSaving, BigDecimal totalProjectCost, int shown, int more,
            int recurringCategories, long aboveExpectation, long windowDays, @Nullable Long baselineDays,
            String currency, BigDecimal hourlyCost) {
    }

    /**
     * One issue category (with {@code byClient}: one client's), largest yearly saving first.
     *
     * @param client with {@code byClient} only
     * @param count tickets in the window
     * @param baselineTickets tickets in the baseline; without {@code byClient} only
     * @param ratio count / expectedTickets; null when nothing was expected
     * @param pValue P(X ≥ count) under Poisson(expectedTickets), 6 significant digits
     * @param annualHours hours × 365 / windowDays
     * @param paybackMonths projectCost / (annualSaving / 12)
     */
    @Schema(name = "ImprovementProject")
    public record Project(@JsonInclude(NON_NULL) @Nullable String client, @JsonInclude(NON_NULL) @Nullable Long companyId,
            String category, long count, long clients, @JsonInclude(NON_NULL) @Nullable Long baselineTickets, Double expectedTickets, @Nullable Double ratio, BigDecimal pValue,
            BigDecimal hours, BigDecimal annualHours, BigDecimal annualCost, BigDecimal projectEffortHours,
            BigDecimal projectCost, BigDecimal reduction, BigDecimal annualSaving, BigDecimal roi,
            BigDecimal paybackMonths, MoneyAssumptions assumptions) {
    }
}
