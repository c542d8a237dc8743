package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 01 ({@code sales-opportunities}): clients hitting the same problem clearly more than their size explains. */
@Schema(name = "SalesOpportunitiesBody")
public record SalesOpportunitiesResult(Summary summary, List<Opportunity> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.count("opportunities", summary.opportunities(), Headline.Better.LOWER);
    }

    /**
     * @param opportunities every (client, category) that qualifies; the rows are the first {@code shown}
     * @param clients distinct clients among them
     * @param totalCostToMsp what all of them cost the MSP in tech time
     * @param more qualifying opportunities beyond the rows
     */
    @Schema(name = "SalesOpportunitiesSummary")
    public record Summary(int opportunities, long clients, BigDecimal totalCostToMsp, BigDecimal totalExpectedSaving,
            int shown, int more, String currency, BigDecimal hourlyCost) {
    }

    /**
     * One client and issue category, most money at stake first.
     *
     * @param expectedTickets what the client's volume at the tenant's category mix predicts
     * @param ratio ticketCount / expectedTickets; null when nothing was expected
     * @param pValue P(X ≥ ticketCount) under Poisson(expectedTickets), 6 significant digits
     * @param hours all time on the tickets, also logged after the window
     * @param costToMsp hours × hourly cost
     * @param expectedSaving costToMsp × the reduction expected of the offering
     * @param offering what to sell, from the tenant's category map; "Review with client" when unmapped
     * @param exampleTicketIds up to 5, newest first
     */
    @Schema(name = "SalesOpportunity")
    public record Opportunity(String client, @Nullable String clientIdentifier, long companyId, String category,
            long ticketCount, Double expectedTickets, @Nullable Double ratio, BigDecimal pValue, BigDecimal hours,
            BigDecimal costToMsp, BigDecimal expectedSaving, String offering, MoneyAssumptions assumptions,
            List<Long> exampleTicketIds, List<String> exampleSummaries) {
    }
}
