package com.mspanalytics.kpi.calculators;

import static com.mspanalytics.kpi.calculators.Statistics.round2;
import static com.mspanalytics.kpi.calculators.Statistics.round4;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 09: how techs compare once ticket mix is normalised.
 *
 * <p>Closed tickets of the window (default 90 days), each counted for its tech (owner, else the member with most
 * hours on it; see {@link TechTickets}). Each ticket is compared with the team median of its (domain, priority)
 * cell: {@code relative resolution = resolution hours / cell median} (1 when the cell median is 0) and
 * {@code relative hours = ticket hours / cell median} (1 when the cell median is 0). Per tech:
 * {@code normalisedResolution} and {@code normalisedHoursPerTicket} = the median of their tickets' relatives
 * (1 = the team's typical speed for that mix); {@code fcrRate} (one time entry, closed within {@code fcrHours});
 * {@code csatScore} = (positive − negative) / rated, 0 (neutral) when nothing is rated, {@code csatCount} says how
 * many; {@code utilization} = billable hours / (daily capacity × Monday–Friday days), as in KPI 07.
 *
 * <p>Techs with at least {@code minSample} closed tickets are ranked: per metric a z-score among the ranked techs
 * (population standard deviation; 0 for every tech when the deviation is 0), signed so that higher = better
 * (the two normalised metrics are negated), and {@code composite} = the mean of the five z-scores; {@code rank}
 * 1 = highest composite. Techs under {@code minSample} are listed with their metrics, unranked (no z-scores).
 * Rows: ranked techs lowest composite first (the most actionable), then the unranked by closed tickets.
 */
@Component
class TechComparison implements Kpi<TechComparisonResult> {

    private static final List<String> METRICS = List.of("resolution", "hoursPerTicket", "fcr", "csat", "utilization");

    @Override
    public String slug() {
        return "tech-comparison";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("0"), new BigDecimal("1"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of("minSample", settings.tenant().minSample(), "fcrHours", 24);
    }

    @Override
    public Class<TechComparisonResult> resultType() {
        return TechComparisonResult.class;
    }

    @Override
    public KpiOutput<TechComparisonResult> compute(KpiContext context) {
        List<TechComparisonResult.Tech> rows = context.jdbc().sql("WITH " + TechTickets.closedTicketsCte(context) + ",\n"
                + TechTickets.billableCte() + """
                ,
                cells AS (
                    SELECT domain, priority,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS cell_resolution,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS cell_hours
                    FROM closed_tickets GROUP BY domain, priority),
                relative AS (
                    SELECT c.*,
                           CASE WHEN x.cell_resolution = 0 THEN 1 ELSE c.resolution_hours / x.cell_resolution END AS rel_resolution,
                           CASE WHEN x.cell_hours = 0 THEN 1 ELSE c.hours / x.cell_hours END AS rel_hours
                    FROM closed_tickets c
                    JOIN cells x ON x.domain IS NOT DISTINCT FROM c.domain AND x.priority = c.priority),
                per_tech AS (
                    SELECT tech_id, count(*) AS closed,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY rel_resolution) AS norm_resolution,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY rel_hours) AS norm_hours,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS median_resolution,
                           sum(hours) / count(*) AS hours_per_ticket,
                           count(*) FILTER (WHERE one_touch)::float8 / count(*) AS fcr,
                           count(score) AS rated,
                           coalesce((count(*) FILTER (WHERE score = 1) - count(*) FILTER (WHERE score = -1))::float8
                                    / nullif(count(score), 0), 0) AS csat
                    FROM relative GROUP BY tech_id),
                metrics AS (
                    SELECT p.*, coalesce(m.identifier, 'member ' || p.tech_id) AS identifier,
                           nullif(concat_ws(' ', m.first_name, m.last_name), '') AS name,
                           coalesce(b.billable_hours, 0)::float8 / nullif(%s * :workingDays, 0) AS utilization,
                           p.closed >= :minSample AS ranked
                    FROM per_tech p
                    LEFT JOIN cw_members m ON m.id = p.tech_id
                    LEFT JOIN billable b ON b.member_id = p.tech_id),
                scored AS (
                    SELECT k.*,
                           %s AS z_resolution, %s AS z_hours, %s AS z_fcr, %s AS z_csat, %s AS z_utilization
                    FROM metrics k),
                combined AS (
                    SELECT s.*, (z_resolution + z_hours + z_fcr + z_csat + z_utilization) / 5 AS composite
                    FROM scored s)
                SELECT c.*, CASE WHEN ranked THEN rank() OVER (PARTITION BY ranked ORDER BY composite DESC) END AS rank
                FROM combined c
                ORDER BY ranked DESC, composite, closed DESC, identifier
                """.formatted(TechTickets.dailyCapacitySql("m"), z("norm_resolution", true), z("norm_hours", true),
                        z("fcr", false), z("csat", false), z("coalesce(utilization, 0)", false)))
                .param("start", Timestamp.from(context.start()))
                .param("end", Timestamp.from(context.end()))
                .param("fcrHours", context.number("fcrHours"))
                .param("minSample", context.integer("minSample"))
                .param("capacities", TechTickets.capacitiesJson(context))
                .param("workingDays", TechTickets.workingDays(context.from(), context.to()))
                .query((rs, n) -> {
                    boolean ranked = rs.getBoolean("ranked");
                    return new TechComparisonResult.Tech(rs.getString("identifier"), rs.getString("name"),
                            rs.getLong("tech_id"), rs.getLong("closed"), ranked, ranked ? rs.getLong("rank") : null,
                            ranked ? round4(rs.getDouble("composite")) : null, round4(rs.getDouble("norm_resolution")),
                            round4(rs.getDouble("norm_hours")), round4(rs.getDouble("fcr")),
                            round4(rs.getDouble("csat")), rs.getLong("rated"),
                            round4((Number) rs.getObject("utilization")), round2(rs.getDouble("median_resolution")),
                            round2(rs.getDouble("hours_per_ticket")), !ranked ? null : new TechComparisonResult.Scores(
                                    round4(rs.getDouble("z_resolution")), round4(rs.getDouble("z_hours")),
                                    round4(rs.getDouble("z_fcr")), round4(rs.getDouble("z_csat")),
                                    round4(rs.getDouble("z_utilization"))));
                }).list();
        var summary = new TechComparisonResult.Summary(rows.size(),
                rows.stream().filter(TechComparisonResult.Tech::ranked).count(), METRICS,
                "per-ticket value / team median of its (domain, priority) cell; tech = median of those",
                "population, over ranked techs; z = 0 when it is 0");
        return KpiOutput.of(new TechComparisonResult(summary, rows));
    }

    /** SQL for the z-score of {@code metric} among ranked techs, negated when lower is better; null when unranked. */
    private static String z(String metric, boolean lowerIsBetter) {
        String z = "coalesce((%1$s - avg(%1$s) FILTER (WHERE ranked) OVER ()) / nullif(CASE WHEN stddev_pop(%1$s) FILTER "
                + "(WHERE ranked) OVER () < 1e-12 THEN 0 ELSE stddev_pop(%1$s) FILTER (WHERE ranked) OVER () END, 0), 0)";
        return "CASE WHEN ranked THEN " + (lowerIsBetter ? "-" : "") + z.formatted(metric) + " END";
    }
}
