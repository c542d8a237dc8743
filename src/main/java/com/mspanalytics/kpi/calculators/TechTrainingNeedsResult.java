package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 03 ({@code tech-training-needs}): which tech is markedly slower or weaker than the team in which domain. */
@Schema(name = "TechTrainingNeedsBody")
public record TechTrainingNeedsResult(Summary summary, List<Cell> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.count("tech × domain cells flagged", summary.flagged(), Headline.Better.LOWER);
    }

    /**
     * @param cells (tech, domain) pairs with at least {@code minSample} closed tickets
     * @param reopenRate how the reopen rate was computed, or why it is omitted
     */
    @Schema(name = "TechTrainingNeedsSummary")
    public record Summary(int cells, long flagged, long techsFlagged, String resolutionTime, String reopenRate) {
    }

    /**
     * One (tech, domain), flagged first, by excess hours.
     *
     * @param ratio tech median / team median resolution hours; null when the team median is 0
     * @param excessHours (tech median − team median) × n
     * @param csatGapPoints team − tech CSAT positive rate in points; null without enough rated tickets
     * @param reasons "slow" and/or "csat"
     */
    @Schema(name = "TechTrainingNeedsCell")
    public record Cell(String tech, long memberId, @Nullable String domain, long n, Double techMedianHours,
            Double teamMedianHours, long teamN, @Nullable Double ratio, Double excessHours, long csatCount,
            @Nullable Double csatPositiveRate, long teamCsatCount, @Nullable Double teamCsatPositiveRate,
            @Nullable Double csatGapPoints, long reopenSample, @Nullable Long reopened, @Nullable Double reopenRate,
            long teamReopenSample, @Nullable Double teamReopenRate, boolean flagged, List<String> reasons) {
    }
}
