package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 08 ({@code tech-profile}): what each tech is specialised in. */
@Schema(name = "TechProfileBody")
public record TechProfileResult(Summary summary, List<Tech> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.count("specialists", summary.specialists(), Headline.Better.LOWER);
    }

    /**
     * @param teamDomains domains the whole team logged hours in during the window
     * @param specialists techs with a primary domain
     */
    @Schema(name = "TechProfileSummary")
    public record Summary(int techs, long teamDomains, long specialists, String specialisation) {
    }

    /**
     * One tech's work on tickets, most specialised first.
     *
     * @param specialisation 1 − entropy of the domain hour shares / ln(team domains): 1 = one domain, 0 = even spread
     * @param primaryDomain the domain with most hours when its share is at least {@code primaryShare}
     * @param primaryShare the top domain's share of the tech's hours
     */
    @Schema(name = "TechProfileTech")
    public record Tech(String tech, @Nullable String name, long memberId, double hours, long tickets,
            @Nullable Double specialisation, List<String> topDomains, List<String> topClients,
            @Nullable String primaryDomain, @Nullable Double primaryShare, List<DomainShare> domains,
            List<ClientShare> clients) {
    }

    @Schema(name = "TechProfileDomainShare")
    public record DomainShare(String domain, double hours, @Nullable Double hoursShare, long tickets,
            @Nullable Double ticketShare) {
    }

    @Schema(name = "TechProfileClientShare")
    public record ClientShare(String client, double hours, @Nullable Double hoursShare, long tickets,
            @Nullable Double ticketShare, @Nullable String clientIdentifier) {
    }
}
