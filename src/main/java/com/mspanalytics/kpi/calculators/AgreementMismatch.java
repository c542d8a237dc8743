package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * KPI 05: work done outside what the client's agreement covers: what could still be billed, and what is billed outside it.
 *
 * <p>Time entries that start in the window (in the tenant's zone; deleted entries ignored). An entry's date is
 * its start date in the tenant's zone. The agreements <em>active</em> on that date are the client's agreements
 * that are not cancelled or deleted, with {@code start_date <= date} (or none) and {@code end_date >= date} (or
 * none): an agreement that ended before the entry does not count. The agreement that judges the entry is the
 * entry's own agreement when it is active; otherwise every active agreement of the client, and the entry is
 * covered when any of them covers it (with one active agreement that is "the client's only agreement").
 *
 * <p>Coverage comes from the tenant's {@code coverageRules}, matched case-insensitively on the agreement type
 * name; an active addition (effective, not cancelled on the date) whose product identifier names a rule widens
 * the coverage with that rule's boards and work types (e.g. a rule "Managed SOC" with board "SOC"). An agreement
 * whose type has no rule covers nothing. An entry is covered when its ticket's board is among the covered boards
 * and not among the excluded ones, and its work type is among the covered work types; an entry without a ticket
 * (no board) or without a work type is judged only on what it has.
 *
 * <p>Reasons, the first that holds (docs/kpis.md, KPI 05): {@code no-agreement} (no active agreement and the entry
 * is not Billable); {@code no-charge-not-covered} (NoCharge or DoNotBill against agreements that do not cover it);
 * {@code board-not-covered} and {@code work-type-not-covered} (any other billable option: Billable, NoDefault or
 * none). The first two are <em>recoverable</em>: work nobody will invoice, {@code recoverable = hours ×
 * hourlyRate}, the headline {@code totalRecoverable}. The last two are <em>billed outside agreement</em>: invoiced
 * as time and materials already, so never recoverable, and reported beside it as a sign that the agreement may be
 * mis-scoped. An entry marked Billable without any agreement is ordinary time and materials and not reported.
 * Rows are clients ranked by recoverable money, then by billed-outside money, each with both figures, their hours
 * and shares of the client's {@code totalHours}, the top reasons and the entries (largest first).
 */
@Component
class AgreementMismatch implements Kpi<AgreementMismatchResult> {

    private static final int TOP_REASONS = 3;
    /** The reasons whose work is not going to be billed; the others are billed outside agreement. */
    static final Set<String> RECOVERABLE = Set.of("no-agreement", "no-charge-not-covered");

    private final JsonMapper json;

    AgreementMismatch(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String slug() {
        return "agreement-mismatch";
    }

    @Override
    public int defaultLookbackDays() {
        return 30;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("500"), new BigDecimal("2000"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of();
    }

    @Override
    public Class<AgreementMismatchResult> resultType() {
        return AgreementMismatchResult.class;
    }

    @Override
    public KpiOutput<AgreementMismatchResult> compute(KpiContext context) {
        TenantSettings tenant = context.settings().tenant();
        BigDecimal rate = tenant.hourlyRate();
        List<Judged> entries = context.jdbc().sql("""
                WITH rules AS (
                    SELECT lower(r.key) AS k,
                           ARRAY(SELECT lower(x) FROM jsonb_array_elements_text(r.value->'boards') x) AS boards,
                           ARRAY(SELECT lower(x) FROM jsonb_array_elements_text(r.value->'workTypes') x) AS work_types,
                           ARRAY(SELECT lower(x) FROM jsonb_array_elements_text(r.value->'excludedBoards') x) AS excluded
                    FROM jsonb_each(CAST(:rules AS jsonb)) r),
                days AS (
                    SELECT CAST(d AS date) AS day
                    FROM generate_series(CAST(:fromDay AS date), CAST(:toDay AS date), interval '1 day') d),
                -- What each agreement covers on each day of the window: computed once per (agreement, day), not once
                -- per time entry (a month has ~50k entries on ~2k agreement-days). MATERIALIZED, or the planner
                -- inlines it into the join and runs the subqueries per joined entry again.
                coverage AS MATERIALIZED (
                    SELECT ag.id AS agreement_id, ag.company_id, ag.name, d.day, cov.boards, cov.work_types, cov.excluded
                    FROM cw_agreements ag
                    JOIN days d ON (ag.start_date IS NULL OR ag.start_date <= d.day)
                               AND (ag.end_date IS NULL OR ag.end_date >= d.day)
                    CROSS JOIN LATERAL (
                        SELECT ARRAY[lower(ag.type_name)] || ARRAY(
                                   SELECT lower(ad.product) FROM cw_agreement_additions ad
                                   WHERE ad.agreement_id = ag.id AND ad.deleted_at IS NULL AND ad.product IS NOT NULL
                                     AND (ad.effective_date IS NULL OR ad.effective_date <= d.day)
                                     AND (ad.cancelled_date IS NULL OR ad.cancelled_date > d.day)) AS rule_keys) k
                    CROSS JOIN LATERAL (
                        SELECT coalesce((SELECT array_agg(b) FROM rules r, unnest(r.boards) b
                                         WHERE r.k = ANY(k.rule_keys)), '{}') AS boards,
                               coalesce((SELECT array_agg(w) FROM rules r, unnest(r.work_types) w
                                         WHERE r.k = ANY(k.rule_keys)), '{}') AS work_types,
                               coalesce((SELECT array_agg(x) FROM rules r, unnest(r.excluded) x
                                         WHERE r.k = ANY(k.rule_keys)), '{}') AS excluded) cov
                    WHERE ag.deleted_at IS NULL AND NOT ag.cancelled),
                entries AS (
                    SELECT e.id, e.company_id, e.member_id, e.work_type, e.billable_option, e.actual_hours,
                           e.agreement_id, (e.time_start AT TIME ZONE :zone)::date AS day, t.id AS ticket_id, t.board_name
                    FROM cw_time_entries e
                    LEFT JOIN cw_charged_tickets t ON t.id = e.ticket_id
                    WHERE e.deleted_at IS NULL AND e.time_start >= :start AND e.time_start < :end),
                checked AS (
                    SELECT en.id AS entry_id, cv.agreement_id, cv.name, coalesce(cv.agreement_id = en.agreement_id, false) AS own,
                           (en.board_name IS NULL OR (lower(en.board_name) = ANY(cv.boards)
                                AND NOT lower(en.board_name) = ANY(cv.excluded))) AS board_ok,
                           (en.work_type IS NULL OR lower(en.work_type) = ANY(cv.work_types)) AS work_ok
                    FROM entries en
                    JOIN coverage cv ON cv.company_id = en.company_id AND cv.day = en.day),
                chosen AS (
                    SELECT c.* FROM checked c
                    WHERE c.own OR NOT EXISTS (SELECT 1 FROM checked o WHERE o.entry_id = c.entry_id AND o.own)),
                verdict AS (
                    SELECT en.id, en.company_id, en.member_id, en.work_type, en.billable_option, en.actual_hours,
                           en.day, en.ticket_id, en.board_name,
                           count(ch.agreement_id) AS agreements,
                           coalesce(bool_or(ch.board_ok AND ch.work_ok), false) AS covered,
                           coalesce(bool_or(ch.board_ok), false) AS board_ok,
                           string_agg(ch.name, ', ' ORDER BY ch.agreement_id) AS agreement_names
                    FROM entries en
                    LEFT JOIN chosen ch ON ch.entry_id = en.id
                    GROUP BY en.id, en.company_id, en.member_id, en.work_type, en.billable_option, en.actual_hours,
                             en.day, en.ticket_id, en.board_name),
                judged AS (
                    SELECT v.*,
                           sum(v.actual_hours) OVER (PARTITION BY v.company_id) AS client_hours,
                           CASE
                               WHEN v.agreements = 0 THEN
                                   CASE WHEN v.billable_option IS DISTINCT FROM 'Billable' THEN 'no-agreement' END
                               WHEN v.covered THEN NULL
                               WHEN v.billable_option IN ('NoCharge', 'DoNotBill') THEN 'no-charge-not-covered'
                               WHEN NOT v.board_ok THEN 'board-not-covered'
                               ELSE 'work-type-not-covered'
                           END AS reason
                    FROM verdict v)
                SELECT j.id, j.company_id, coalesce(c.name, 'Company ' || j.company_id) AS client, c.identifier,
                       j.ticket_id, m.identifier AS tech, j.actual_hours AS hours, j.day, j.work_type,
                       j.billable_option, j.board_name, j.agreement_names, j.reason, j.client_hours,
                       sum(j.actual_hours) OVER (PARTITION BY j.company_id) AS out_hours
                FROM judged j
                LEFT JOIN cw_companies c ON c.id = j.company_id
                LEFT JOIN cw_members m ON m.id = j.member_id
                WHERE j.reason IS NOT NULL
                ORDER BY out_hours DESC, client, j.company_id, j.actual_hours DESC, j.id
                """)
                .param("rules", rulesJson(tenant.coverageRules()))
                .param("zone", context.zone().getId())
                .param("fromDay", context.from())
                .param("toDay", context.to())
                .param("start", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .query((rs, n) -> new Judged(rs.getLong("company_id"), rs.getString("client"),
                        rs.getString("identifier"), rs.getBigDecimal("client_hours"),
                        new AgreementMismatchResult.Entry(rs.getLong("id"), (Long) rs.getObject("ticket_id"),
                                rs.getString("tech"), rs.getObject("day", LocalDate.class), rs.getBigDecimal("hours"),
                                rs.getString("work_type"), rs.getString("billable_option"), rs.getString("board_name"),
                                rs.getString("agreement_names"), rs.getString("reason"),
                                RECOVERABLE.contains(rs.getString("reason")))))
                .list();
        List<AgreementMismatchResult.Client> rows = clientRows(entries, rate);
        BigDecimal recoverableHours = Money.sum(rows, AgreementMismatchResult.Client::recoverableHours);
        BigDecimal billedHours = Money.sum(rows, AgreementMismatchResult.Client::billedOutsideHours);
        var summary = new AgreementMismatchResult.Summary(Money.sum(rows, AgreementMismatchResult.Client::recoverable),
                recoverableHours, Money.sum(rows, AgreementMismatchResult.Client::billedOutsideAgreement), billedHours,
                recoverableHours.add(billedHours), rows.size(), entries.size(), rate, tenant.currency());
        return KpiOutput.of(new AgreementMismatchResult(summary, rows));
    }

    /** A judged entry with its client, as the SQL returns it: clients with most out-of-scope hours first. */
    private record Judged(long companyId, String client, String identifier, BigDecimal clientHours,
            AgreementMismatchResult.Entry entry) {
    }

    /** The client rows, most recoverable money first, then most billed outside agreement. */
    private static List<AgreementMismatchResult.Client> clientRows(List<Judged> judged, BigDecimal rate) {
        Map<Long, List<Judged>> byClient = new LinkedHashMap<>();
        judged.forEach(j -> byClient.computeIfAbsent(j.companyId(), id -> new ArrayList<>()).add(j));
        List<AgreementMismatchResult.Client> rows = new ArrayList<>();
        for (List<Judged> list : byClient.values()) {
            Judged first = list.get(0);
            List<AgreementMismatchResult.Entry> entries = list.stream().map(Judged::entry).toList();
            BigDecimal recoverable = hours(entries, true);
            BigDecimal billed = hours(entries, false);
            BigDecimal total = first.clientHours().setScale(2, RoundingMode.HALF_UP);
            Map<String, List<AgreementMismatchResult.Entry>> byReason = new LinkedHashMap<>();
            entries.forEach(e -> byReason.computeIfAbsent(e.reason(), r -> new ArrayList<>()).add(e));
            List<AgreementMismatchResult.Reason> reasons = byReason.entrySet().stream()
                    .map(r -> new AgreementMismatchResult.Reason(r.getKey(), RECOVERABLE.contains(r.getKey()),
                            Money.sum(r.getValue(), AgreementMismatchResult.Entry::hours).setScale(2, RoundingMode.HALF_UP),
                            r.getValue().size()))
                    .sorted(Comparator.comparing(AgreementMismatchResult.Reason::hours).reversed())
                    .limit(TOP_REASONS).toList();
            rows.add(new AgreementMismatchResult.Client(first.client(), first.identifier(), first.companyId(),
                    money(recoverable, rate), recoverable, share(recoverable, total), money(billed, rate), billed,
                    share(billed, total), recoverable.add(billed), total, share(recoverable.add(billed), total),
                    entries.size(), reasons, entries));
        }
        rows.sort(Comparator.comparing(AgreementMismatchResult.Client::recoverable)
                .thenComparing(AgreementMismatchResult.Client::billedOutsideAgreement).reversed()
                .thenComparing(AgreementMismatchResult.Client::client));
        return rows;
    }

    private static BigDecimal hours(List<AgreementMismatchResult.Entry> entries, boolean recoverable) {
        return Money.sum(entries.stream().filter(e -> e.recoverable() == recoverable).toList(),
                AgreementMismatchResult.Entry::hours).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal hours, BigDecimal rate) {
        return hours.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private static @Nullable BigDecimal share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? null : part.divide(total, 4, RoundingMode.HALF_UP);
    }

    private String rulesJson(Map<String, TenantSettings.CoverageRule> rules) {
        Map<String, Object> lowered = new LinkedHashMap<>();
        rules.forEach((type, rule) -> lowered.put(type.toLowerCase(Locale.ROOT), Map.of("boards", rule.boards(),
                "workTypes", rule.workTypes(), "excludedBoards", rule.excludedBoards())));
        return json.writeValueAsString(lowered);
    }
}
