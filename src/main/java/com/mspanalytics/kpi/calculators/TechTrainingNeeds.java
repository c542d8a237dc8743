package com.mspanalytics.kpi.calculators;

import static com.mspanalytics.kpi.calculators.TechTickets.round4;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 03: which tech is markedly slower or weaker than the team in which domain.
 *
 * <p>Closed tickets of the window (default 90 days), each counted for its tech (owner, else the member with most
 * hours on it; see {@link TechTickets}). For each (tech, domain) with {@code n >= minSample} closed tickets:
 * the tech's median calendar resolution hours against the team's median for that domain (all closed tickets of the
 * domain, the tech's own included), {@code ratio} = tech / team and {@code excessHours = (techMedian − teamMedian) × n};
 * and the CSAT positive rate (positive / rated, latest SmileBack review per ticket) of the tech in the domain
 * against the team's in the domain, compared only when the tech has at least {@code minSample} rated tickets there
 * ({@code csatGapPoints} = team − tech, in percentage points; null otherwise).
 *
 * <p>A cell is flagged when {@code ratio >= slowRatio} (1.5) or {@code csatGapPoints >= csatGapPoints} (20).
 * Reopen rate is omitted: the synced data has no ticket status history (kpis.md allows this). Rows: flagged cells
 * first, each group by {@code excessHours} descending. Flags are
 * training needs, not anomalies: none are recorded (the anomaly feed is KPIs 04, 11 and 12).
 */
@Component
class TechTrainingNeeds implements Kpi {

    @Override
    public String slug() {
        return "tech-training-needs";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of("minSample", settings.tenant().minSample(), "slowRatio", 1.5, "csatGapPoints", 20.0, "fcrHours", 24);
    }

    @Override
    public KpiOutput compute(KpiContext context) {
        int minSample = context.integer("minSample");
        double slowRatio = context.number("slowRatio");
        double csatGap = context.number("csatGapPoints");
        List<Map<String, Object>> rows = context.jdbc().sql("WITH " + TechTickets.closedTicketsCte(context) + """
                ,
                cells AS (
                    SELECT tech_id, domain, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS tech_median,
                           count(score) AS rated, count(*) FILTER (WHERE score = 1) AS positive
                    FROM closed_tickets GROUP BY tech_id, domain),
                team AS (
                    SELECT domain, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS team_median,
                           count(score) AS rated, count(*) FILTER (WHERE score = 1) AS positive
                    FROM closed_tickets GROUP BY domain)
                SELECT c.tech_id, coalesce(m.identifier, 'member ' || c.tech_id) AS identifier, c.domain, c.n,
                       c.tech_median, t.team_median, t.n AS team_n, c.rated, c.positive,
                       t.rated AS team_rated, t.positive AS team_positive
                FROM cells c
                JOIN team t ON t.domain IS NOT DISTINCT FROM c.domain
                LEFT JOIN cw_members m ON m.id = c.tech_id
                WHERE c.n >= :minSample
                ORDER BY identifier, c.domain
                """)
                .param("start", Timestamp.from(context.start()))
                .param("end", Timestamp.from(context.end()))
                .param("fcrHours", context.number("fcrHours"))
                .param("minSample", minSample)
                .query((rs, i) -> {
                    long n = rs.getLong("n");
                    double techMedian = rs.getDouble("tech_median");
                    double teamMedian = rs.getDouble("team_median");
                    long rated = rs.getLong("rated");
                    long teamRated = rs.getLong("team_rated");
                    Double techRate = rated == 0 ? null : (double) rs.getLong("positive") / rated;
                    Double teamRate = teamRated == 0 ? null : (double) rs.getLong("team_positive") / teamRated;
                    Double ratio = teamMedian == 0 ? null : round4(techMedian / teamMedian);
                    Double gap = rated >= minSample && teamRate != null ? round4((teamRate - techRate) * 100) : null;
                    List<String> reasons = new ArrayList<>();
                    if (ratio != null && ratio >= slowRatio) {
                        reasons.add("slow");
                    }
                    if (gap != null && gap >= csatGap) {
                        reasons.add("csat");
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("tech", rs.getString("identifier"));
                    row.put("memberId", rs.getLong("tech_id"));
                    row.put("domain", rs.getString("domain"));
                    row.put("n", n);
                    row.put("techMedianHours", round4(techMedian));
                    row.put("teamMedianHours", round4(teamMedian));
                    row.put("teamN", rs.getLong("team_n"));
                    row.put("ratio", ratio);
                    row.put("excessHours", round4((techMedian - teamMedian) * n));
                    row.put("csatCount", rated);
                    row.put("csatPositiveRate", round4(techRate));
                    row.put("teamCsatCount", teamRated);
                    row.put("teamCsatPositiveRate", round4(teamRate));
                    row.put("csatGapPoints", gap);
                    row.put("flagged", !reasons.isEmpty());
                    row.put("reasons", reasons);
                    return row;
                }).list();
        rows = new ArrayList<>(rows);
        rows.sort(Comparator.comparing((Map<String, Object> r) -> !(Boolean) r.get("flagged"))
                .thenComparing(r -> -(Double) r.get("excessHours"))
                .thenComparing(r -> (String) r.get("tech"))
                .thenComparing(r -> String.valueOf(r.get("domain"))));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cells", rows.size());
        summary.put("flagged", rows.stream().filter(r -> (Boolean) r.get("flagged")).count());
        summary.put("techsFlagged", rows.stream().filter(r -> (Boolean) r.get("flagged")).map(r -> r.get("tech")).distinct().count());
        summary.put("resolutionTime", "calendar hours from entered to closed");
        summary.put("reopenRate", "omitted: no ticket status history is synced");
        return KpiOutput.of(summary, rows);
    }
}
