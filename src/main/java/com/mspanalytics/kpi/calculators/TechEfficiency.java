package com.mspanalytics.kpi.calculators;

import static com.mspanalytics.kpi.calculators.Statistics.round2;
import static com.mspanalytics.kpi.calculators.Statistics.round4;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * KPI 07: how fast, how right-first-time and how well-rated each tech is.
 *
 * <p>Per tech, over the tickets they count for (owner, else the member with most hours on it; see
 * {@link TechTickets}) closed in the window (default 30 days):
 * <ul>
 * <li>{@code closed}; {@code medianResolutionHours} and {@code p90ResolutionHours} of calendar resolution hours
 *     ({@code percentile_cont}, i.e. linear interpolation between ranks);</li>
 * <li>{@code hoursPerTicket}: all time logged on those tickets (by anyone) / closed;</li>
 * <li>{@code fcrRate}: share of closed tickets with exactly one time entry and closed within {@code fcrHours} (24)
 *     of being entered;</li>
 * <li>{@code csatCount} (rated tickets), {@code csatPositiveRate} = positive / rated and {@code csatScore} =
 *     (positive − negative) / rated, from the latest SmileBack review of each ticket; null when nothing is rated;</li>
 * <li>{@code utilization} = billable hours the tech logged in the window (by entry start) / (daily capacity ×
 *     Monday–Friday days in the window). Daily capacity: tenant setting {@code dailyCapacityHours}, else the
 *     member's ConnectWise daily capacity, else 8. No holiday calendar.</li>
 * </ul>
 * Listed techs are those with a closed ticket or billable hours in the window. Each row carries
 * {@code trailing90}: closed, median resolution, fcr and CSAT rates and utilization over the 90 days ending at the
 * window's end, for context. The team summary is the same metrics over all closed tickets (utilization: all
 * listed techs' billable hours / their available hours). Rows: techs with at least {@code minSample} closed
 * tickets first (those rates mean something), slowest median resolution first; then the rest by closed tickets.
 */
@Component
class TechEfficiency implements Kpi<TechEfficiencyResult> {

    @Override
    public String slug() {
        return "tech-efficiency";
    }

    @Override
    public int defaultLookbackDays() {
        return 30;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("0.70"), new BigDecimal("0.55"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of("fcrHours", 24, "minSample", settings.tenant().minSample());
    }

    @Override
    public Class<TechEfficiencyResult> resultType() {
        return TechEfficiencyResult.class;
    }

    @Override
    public KpiOutput<TechEfficiencyResult> compute(KpiContext context) {
        int minSample = context.integer("minSample");
        LocalDate trailingFrom = context.to().minusDays(89);
        Instant trailingStart = trailingFrom.atStartOfDay(context.zone()).toInstant();
        Map<Long, TechEfficiencyResult.Tech> trailing = techs(context, trailingStart,
                TechTickets.workingDays(trailingFrom, context.to())).stream()
                .collect(Collectors.toMap(TechEfficiencyResult.Tech::memberId, Function.identity()));
        List<TechEfficiencyResult.Tech> rows = techs(context, context.start(),
                TechTickets.workingDays(context.from(), context.to())).stream()
                .map(r -> r.with(trailing.containsKey(r.memberId()) ? trailing.get(r.memberId()).trailing() : null,
                        r.closed() >= minSample))
                .sorted(Comparator.comparing((TechEfficiencyResult.Tech r) -> !r.ranked())
                        .thenComparing(r -> r.ranked() ? -orZero(r.medianResolutionHours()) : -(double) r.closed())
                        .thenComparing(TechEfficiencyResult.Tech::tech))
                .toList();

        TechEfficiencyResult.Metrics metrics = context.jdbc().sql("WITH " + TechTickets.closedTicketsCte(context) + "\n" + """
                SELECT count(*) AS closed,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS median_resolution,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_hours) AS p90_resolution,
                       coalesce(sum(hours), 0) AS hours,
                       count(*) FILTER (WHERE one_touch) AS one_touch,
                       count(score) AS rated,
                       count(*) FILTER (WHERE score = 1) AS positive,
                       count(*) FILTER (WHERE score = -1) AS negative
                FROM closed_tickets
                """)
                .param("start", Timestamp.from(context.start()))
                .param("end", Timestamp.from(context.end()))
                .param("fcrHours", context.number("fcrHours"))
                .query((rs, n) -> metrics(rs)).single();
        double billable = rows.stream().mapToDouble(TechEfficiencyResult.Tech::billableHours).sum();
        double available = rows.stream().mapToDouble(TechEfficiencyResult.Tech::availableHours).sum();
        var team = TechEfficiencyResult.Team.of(metrics, round2(billable), round2(available),
                available == 0 ? null : round4(billable / available));
        var summary = new TechEfficiencyResult.Summary(rows.size(), team,
                TechTickets.workingDays(context.from(), context.to()),
                new TechEfficiencyResult.Window(trailingFrom, context.to()),
                "calendar hours from entered to closed; p90 by linear interpolation");
        return KpiOutput.of(new TechEfficiencyResult(summary, rows));
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0 : value;
    }


    /** One row per tech with a closed ticket or billable hours between {@code start} and the window's end. */
    private static List<TechEfficiencyResult.Tech> techs(KpiContext context, Instant start, long workingDays) {
        return context.jdbc().sql("WITH " + TechTickets.closedTicketsCte(context) + ",\n" + TechTickets.billableCte() + """
                ,
                stats AS (
                    SELECT tech_id, count(*) AS closed,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS median_resolution,
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_hours) AS p90_resolution,
                           sum(hours) AS hours,
                           count(*) FILTER (WHERE one_touch) AS one_touch,
                           count(score) AS rated,
                           count(*) FILTER (WHERE score = 1) AS positive,
                           count(*) FILTER (WHERE score = -1) AS negative
                    FROM closed_tickets
                    GROUP BY tech_id),
                techs AS (SELECT tech_id AS member_id FROM stats UNION SELECT member_id FROM billable)
                SELECT k.member_id, coalesce(m.identifier, 'member ' || k.member_id) AS identifier,
                       nullif(concat_ws(' ', m.first_name, m.last_name), '') AS name,
                       coalesce(s.closed, 0) AS closed, s.median_resolution, s.p90_resolution, coalesce(s.hours, 0) AS hours,
                       coalesce(s.one_touch, 0) AS one_touch, coalesce(s.rated, 0) AS rated,
                       coalesce(s.positive, 0) AS positive, coalesce(s.negative, 0) AS negative,
                       coalesce(b.billable_hours, 0) AS billable_hours,
                       %s * :workingDays AS available_hours
                FROM techs k
                LEFT JOIN cw_members m ON m.id = k.member_id
                LEFT JOIN stats s ON s.tech_id = k.member_id
                LEFT JOIN billable b ON b.member_id = k.member_id
                ORDER BY identifier
                """.formatted(TechTickets.dailyCapacitySql("m")))
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(context.end()))
                .param("fcrHours", context.number("fcrHours"))
                .param("capacities", TechTickets.capacitiesJson(context))
                .param("workingDays", workingDays)
                .query((rs, n) -> {
                    TechEfficiencyResult.Metrics m = metrics(rs);
                    double billable = rs.getDouble("billable_hours");
                    double available = rs.getDouble("available_hours");
                    return new TechEfficiencyResult.Tech(rs.getString("identifier"), rs.getString("name"),
                            rs.getLong("member_id"), m.closed(), m.medianResolutionHours(), m.p90ResolutionHours(),
                            m.hours(), m.hoursPerTicket(), m.fcrRate(), m.csatCount(), m.csatPositiveRate(),
                            m.csatScore(), round2(billable), round2(available),
                            available == 0 ? null : round4(billable / available), null, false);
                }).list();
    }

    /** closed, resolution percentiles, hours, fcr and CSAT from one aggregate row. */
    private static TechEfficiencyResult.Metrics metrics(ResultSet rs) throws SQLException {
        long closed = rs.getLong("closed");
        long rated = rs.getLong("rated");
        double hours = rs.getDouble("hours");
        return new TechEfficiencyResult.Metrics(closed, round2((Number) rs.getObject("median_resolution")),
                round2((Number) rs.getObject("p90_resolution")), round2(hours),
                closed == 0 ? null : round2(hours / closed),
                closed == 0 ? null : round4((double) rs.getLong("one_touch") / closed), rated,
                rated == 0 ? null : round4((double) rs.getLong("positive") / rated),
                rated == 0 ? null : round4((double) (rs.getLong("positive") - rs.getLong("negative")) / rated));
    }
}
