package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 07 ({@code tech-efficiency}): how fast, how right-first-time and how well-rated each tech is. */
@Schema(name = "TechEfficiencyBody")
public record TechEfficiencyResult(Summary summary, List<Tech> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.share("team utilization", summary.team().utilization(), Headline.Better.HIGHER);
    }

    /**
     * @param team the same metrics over all closed tickets; utilization over every listed tech
     * @param trailingWindow the 90 days of each row's {@code trailing90}
     */
    @Schema(name = "TechEfficiencySummary")
    public record Summary(int techs, Team team, long workingDays, Window trailingWindow, String resolutionTime) {
    }

    @Schema(name = "TechEfficiencyWindow")
    public record Window(LocalDate from, LocalDate to) {
    }

    /** What is measured of one tech or of the team over their closed tickets. */
    @Schema(name = "TechEfficiencyMetrics")
    public record Metrics(long closed, @Nullable Double medianResolutionHours, @Nullable Double p90ResolutionHours,
            Double hours, @Nullable Double hoursPerTicket, @Nullable Double fcrRate, long csatCount,
            @Nullable Double csatPositiveRate, @Nullable Double csatScore) {
    }

    @Schema(name = "TechEfficiencyTeam")
    public record Team(long closed, @Nullable Double medianResolutionHours, @Nullable Double p90ResolutionHours,
            Double hours, @Nullable Double hoursPerTicket, @Nullable Double fcrRate, long csatCount,
            @Nullable Double csatPositiveRate, @Nullable Double csatScore, Double billableHours, Double availableHours,
            @Nullable Double utilization) {

        static Team of(Metrics m, Double billableHours, Double availableHours, @Nullable Double utilization) {
            return new Team(m.closed(), m.medianResolutionHours(), m.p90ResolutionHours(), m.hours(), m.hoursPerTicket(),
                    m.fcrRate(), m.csatCount(), m.csatPositiveRate(), m.csatScore(), billableHours, availableHours,
                    utilization);
        }
    }

    /**
     * One tech: the window's metrics, utilization, and the trailing 90 days for context.
     *
     * @param ranked at least {@code minSample} closed tickets, so the rates mean something
     * @param trailing90 null when the tech has no closed ticket or billable hour in the trailing 90 days
     */
    @Schema(name = "TechEfficiencyTech")
    public record Tech(String tech, @Nullable String name, long memberId, long closed,
            @Nullable Double medianResolutionHours, @Nullable Double p90ResolutionHours, Double hours,
            @Nullable Double hoursPerTicket, @Nullable Double fcrRate, long csatCount, @Nullable Double csatPositiveRate,
            @Nullable Double csatScore, Double billableHours, Double availableHours, @Nullable Double utilization,
            @Nullable Trailing trailing90, boolean ranked) {

        Tech with(@Nullable Trailing trailing, boolean isRanked) {
            return new Tech(tech, name, memberId, closed, medianResolutionHours, p90ResolutionHours, hours,
                    hoursPerTicket, fcrRate, csatCount, csatPositiveRate, csatScore, billableHours, availableHours,
                    utilization, trailing, isRanked);
        }

        Trailing trailing() {
            return new Trailing(closed, medianResolutionHours, fcrRate, csatCount, csatPositiveRate, utilization);
        }
    }

    /** The trailing 90 days of a tech. */
    @Schema(name = "TechEfficiencyTrailing")
    public record Trailing(long closed, @Nullable Double medianResolutionHours, @Nullable Double fcrRate,
            long csatCount, @Nullable Double csatPositiveRate, @Nullable Double utilization) {
    }
}
