package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 09 ({@code tech-comparison}): techs compared once ticket mix is normalised. */
@Schema(name = "TechComparisonBody")
public record TechComparisonResult(Summary summary, List<Tech> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.count("techs trailing the team (composite z ≤ −0.5)",
                rows.stream().filter(t -> t.composite() != null && t.composite() <= -0.5).count(), Headline.Better.LOWER);
    }

    @Schema(name = "TechComparisonSummary")
    public record Summary(int techs, long ranked, List<String> metrics, String normalisation,
            String standardDeviation) {
    }

    /**
     * One tech; ranked techs lowest composite first.
     *
     * @param ranked at least {@code minSample} closed tickets; otherwise rank, composite and z are null
     * @param normalisedResolution median of the tech's resolution hours / their cell's team median (1 = typical)
     */
    @Schema(name = "TechComparisonTech")
    public record Tech(String tech, @Nullable String name, long memberId, long closed, boolean ranked,
            @Nullable Long rank, @Nullable Double composite, Double normalisedResolution, Double normalisedHoursPerTicket,
            Double fcrRate, Double csatScore, long csatCount, @Nullable Double utilization,
            Double medianResolutionHours, Double hoursPerTicket, @Nullable Scores z) {
    }

    /** The z-score of each metric among ranked techs, signed so that higher is better. */
    @Schema(name = "TechComparisonScores")
    public record Scores(Double resolution, Double hoursPerTicket, Double fcrRate, Double csatScore,
            Double utilization) {
    }
}
