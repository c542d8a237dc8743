package com.mspanalytics.kpi.calculators;

import static com.mspanalytics.kpi.calculators.Statistics.round4;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
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
 * <p>Reopen rate, "where status history is available" (docs/kpis.md): over the cell's closed tickets that have a status
 * history ({@code cw_ticket_status_changes}, the ticket-history sync of ConnectWise's audit trail; {@code reopenSample}
 * of them), the share that went from a closed status back to one that is not ({@code reopened}, {@code reopenRate}),
 * beside the team's in the domain ({@code teamReopenSample}, {@code teamReopenRate}). ConnectWise does not say in
 * the history which statuses are closed ones: they are the statuses the window's closed tickets are in now. Null
 * where no ticket of the cell (or team domain) has history; when none of the window's tickets has any, the summary
 * says the rate is omitted. docs/kpis.md flags on slowness and CSAT only, so the reopen rate informs but never flags.
 *
 * <p>A cell is flagged when {@code ratio >= slowRatio} (1.5) or {@code csatGapPoints >= csatGapPoints} (20). Rows:
 * flagged cells first, each group by {@code excessHours} descending. Flags are
 * training needs, not anomalies: none are recorded (the anomaly feed is KPIs 04, 11 and 12).
 */
@Component
class TechTrainingNeeds implements Kpi<TechTrainingNeedsResult> {

    @Override
    public String slug() {
        return "tech-training-needs";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("1"), new BigDecimal("3"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of("minSample", settings.tenant().minSample(), "slowRatio", 1.5, "csatGapPoints", 20.0, "fcrHours", 24);
    }

    @Override
    public Class<TechTrainingNeedsResult> resultType() {
        return TechTrainingNeedsResult.class;
    }

    @Override
    public KpiOutput<TechTrainingNeedsResult> compute(KpiContext context) {
        int minSample = context.integer("minSample");
        double slowRatio = context.number("slowRatio");
        double csatGap = context.number("csatGapPoints");
        boolean[] windowHistory = {false};
        List<TechTrainingNeedsResult.Cell> rows = context.jdbc().sql("WITH " + TechTickets.closedTicketsCte(context) + """
                ,
                closed_statuses AS (
                    SELECT DISTINCT status_name FROM closed_tickets WHERE status_name IS NOT NULL),
                ticket_reopens AS (
                    SELECT s.ticket_id,
                           coalesce(bool_or(s.from_status IN (SELECT status_name FROM closed_statuses)
                                            AND s.to_status NOT IN (SELECT status_name FROM closed_statuses)), false)
                               AS reopened
                    FROM cw_ticket_status_changes s
                    JOIN closed_tickets c ON c.id = s.ticket_id
                    WHERE s.deleted_at IS NULL
                    GROUP BY s.ticket_id),
                with_history AS (
                    SELECT c.*, r.reopened FROM closed_tickets c LEFT JOIN ticket_reopens r ON r.ticket_id = c.id),
                cells AS (
                    SELECT tech_id, domain, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS tech_median,
                           count(score) AS rated, count(*) FILTER (WHERE score = 1) AS positive,
                           count(reopened) AS reopen_sample, count(*) FILTER (WHERE reopened) AS reopened
                    FROM with_history GROUP BY tech_id, domain),
                team AS (
                    SELECT domain, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS team_median,
                           count(score) AS rated, count(*) FILTER (WHERE score = 1) AS positive,
                           count(reopened) AS reopen_sample, count(*) FILTER (WHERE reopened) AS reopened
                    FROM with_history GROUP BY domain)
                SELECT c.tech_id, coalesce(m.identifier, 'member ' || c.tech_id) AS identifier, c.domain, c.n,
                       c.tech_median, t.team_median, t.n AS team_n, c.rated, c.positive,
                       t.rated AS team_rated, t.positive AS team_positive,
                       c.reopen_sample, c.reopened, t.reopen_sample AS team_reopen_sample, t.reopened AS team_reopened,
                       (SELECT count(*) FROM with_history WHERE reopened IS NOT NULL) AS window_history
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
                    long reopenSample = rs.getLong("reopen_sample");
                    long teamReopenSample = rs.getLong("team_reopen_sample");
                    if (rs.getLong("window_history") > 0) {
                        windowHistory[0] = true;
                    }
                    return new TechTrainingNeedsResult.Cell(rs.getString("identifier"), rs.getLong("tech_id"),
                            rs.getString("domain"), n, round4(techMedian), round4(teamMedian), rs.getLong("team_n"),
                            ratio, round4((techMedian - teamMedian) * n), rated, round4(techRate), teamRated,
                            round4(teamRate), gap, reopenSample, reopenSample == 0 ? null : rs.getLong("reopened"),
                            reopenSample == 0 ? null : round4((double) rs.getLong("reopened") / reopenSample),
                            teamReopenSample, teamReopenSample == 0 ? null
                                    : round4((double) rs.getLong("team_reopened") / teamReopenSample),
                            !reasons.isEmpty(), reasons);
                }).list();
        rows = rows.stream().sorted(Comparator.comparing((TechTrainingNeedsResult.Cell r) -> !r.flagged())
                .thenComparing(r -> -r.excessHours())
                .thenComparing(TechTrainingNeedsResult.Cell::tech)
                .thenComparing(r -> String.valueOf(r.domain()))).toList();
        long flagged = rows.stream().filter(TechTrainingNeedsResult.Cell::flagged).count();
        long techsFlagged = rows.stream().filter(TechTrainingNeedsResult.Cell::flagged)
                .map(TechTrainingNeedsResult.Cell::tech).distinct().count();
        var summary = new TechTrainingNeedsResult.Summary(rows.size(), flagged, techsFlagged,
                "calendar hours from entered to closed", windowHistory[0]
                ? "share of the closed tickets with a ConnectWise status history (ticket-history sync) that went from a "
                        + "closed status (one the window's closed tickets are in) back to another; null where no ticket "
                        + "of the cell has history"
                : "omitted: no ticket status history is synced for the window's closed tickets");
        return KpiOutput.of(new TechTrainingNeedsResult(summary, rows));
    }
}
