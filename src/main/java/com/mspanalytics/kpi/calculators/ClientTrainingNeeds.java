package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 02: which client users (contacts) raise tickets that training would prevent.
 *
 * <p>Tickets entered in the window (default 90 days). A training ticket is one whose type, subType
 * or item is one of the tenant's {@code trainingCategories} (case-insensitive).
 * <ul>
 * <li>Per contact: {@code tickets} (all the contact's tickets), {@code trainingTickets},
 * {@code share = trainingTickets / tickets}, and the top 3 topics (issue categories of the training
 * tickets, most frequent first, ties by name). A fixed share flags a large part of any user base (password
 * resets and how-tos are a fifth of a typical MSP's tickets), so the contact is judged against the
 * tenant's own training share: {@code expectedTrainingTickets = tickets × tenantTrainingShare} (training
 * tickets over all tickets of the window). Flagged when {@code trainingTickets >= minTrainingTickets}
 * (default 3), {@code ratio = trainingTickets / expected >= minRatio} (2) and the Poisson tail
 * {@code P(X >= trainingTickets)} under the expectation is below {@code maxPValue} (0.01), see
 * {@link Recurrence}.</li>
 * <li>Per client: {@code activeContacts} = distinct contacts who raised any ticket in the window,
 * {@code perContact = trainingTickets / activeContacts}, against the tenant median of
 * {@code perContact} over clients with at least one active contact (clients with none are left out;
 * a client with tickets but no training tickets counts as 0). {@code ratio = perContact / median}.
 * Flagged when {@code ratio >= minRatio} (default 2) and the client has at least {@code minSample}
 * training tickets (tenant setting, default 5): 2–4 tickets can double a small median by chance. When
 * the median is 0, {@code ratio} is null and a client meeting {@code minSample} is flagged (any rate
 * is unboundedly above the median). Tickets with no contact count for the client's training tickets
 * but not for its active contacts.</li>
 * </ul>
 * Rows are the flagged entities only: contacts first (by training tickets, then share), then clients
 * (by ratio), each with {@code level} "contact" or "client". Shares and rates keep 4 decimals.
 */
@Component
class ClientTrainingNeeds implements Kpi<ClientTrainingNeedsResult> {

    @Override
    public String slug() {
        return "client-training-needs";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("2"), new BigDecimal("5"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("minTrainingTickets", 3);
        params.put("minRatio", 2.0);
        params.put("maxPValue", 0.01);
        params.put("minSample", settings.tenant().minSample());
        return params;
    }

    @Override
    public Class<ClientTrainingNeedsResult> resultType() {
        return ClientTrainingNeedsResult.class;
    }

    @Override
    public KpiOutput<ClientTrainingNeedsResult> compute(KpiContext context) {
        List<String> training = new ArrayList<>(context.settings().tenant().trainingCategories().stream()
                .map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
        if (training.isEmpty()) {
            training.add("\u001f no training categories"); // IN () is not SQL; this matches nothing
        }
        int minTrainingTickets = context.integer("minTrainingTickets");
        double minRatio = context.number("minRatio");
        double maxPValue = context.number("maxPValue");
        String windowTickets = """
                WITH window_tickets AS (
                    SELECT t.id, t.company_id, t.contact_id, %s AS topic,
                           (lower(t.type_name) IN (:training) OR lower(t.subtype_name) IN (:training)
                            OR lower(t.item_name) IN (:training)) IS TRUE AS is_training
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.date_entered >= :start AND t.date_entered < :end)
                """.formatted(context.categorySql("t"));
        List<ClientTrainingNeedsResult.Contact> contacts = context.jdbc().sql(windowTickets + """
                , topics AS (
                    SELECT contact_id, topic, count(*) AS n
                    FROM window_tickets WHERE is_training AND contact_id IS NOT NULL
                    GROUP BY contact_id, topic)
                SELECT w.contact_id, w.company_id, coalesce(c.name, 'Company ' || w.company_id) AS client, c.identifier,
                       coalesce(nullif(concat_ws(' ', ct.first_name, ct.last_name), ''), 'Contact ' || w.contact_id) AS contact,
                       count(*) AS tickets, count(*) FILTER (WHERE w.is_training) AS training_tickets,
                       (SELECT count(*) FILTER (WHERE is_training)::float8 / count(*) FROM window_tickets) AS tenant_share,
                       (SELECT (array_agg(tp.topic ORDER BY tp.n DESC, tp.topic))[1 : 3] FROM topics tp
                        WHERE tp.contact_id = w.contact_id) AS top_topics
                FROM window_tickets w
                LEFT JOIN cw_contacts ct ON ct.id = w.contact_id
                LEFT JOIN cw_companies c ON c.id = w.company_id
                WHERE w.contact_id IS NOT NULL
                GROUP BY w.contact_id, w.company_id, c.name, c.identifier, ct.first_name, ct.last_name
                HAVING count(*) FILTER (WHERE w.is_training) >= :minTrainingTickets
                ORDER BY count(*) FILTER (WHERE w.is_training) DESC,
                         count(*) FILTER (WHERE w.is_training)::numeric / count(*) DESC, contact, w.contact_id
                """)
                .param("training", training)
                .param("start", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .param("minTrainingTickets", context.integer("minTrainingTickets"))
                .query((rs, n) -> {
                    long tickets = rs.getLong("tickets");
                    long trainingTickets = rs.getLong("training_tickets");
                    Recurrence recurrence = new Recurrence(trainingTickets, tickets * rs.getDouble("tenant_share"));
                    if (!recurrence.clearlyAbove(minTrainingTickets, minRatio, maxPValue)) {
                        return null;
                    }
                    java.sql.Array topics = rs.getArray("top_topics");
                    return new ClientTrainingNeedsResult.Contact(rs.getString("contact"), rs.getLong("contact_id"),
                            rs.getString("client"), rs.getString("identifier"), rs.getLong("company_id"),
                            trainingTickets, tickets, BigDecimal.valueOf(trainingTickets)
                                    .divide(BigDecimal.valueOf(tickets), 4, RoundingMode.HALF_UP),
                            Statistics.round4(recurrence.expected()), Statistics.round4(recurrence.ratio()),
                            Statistics.roundP(recurrence.pValue()),
                            topics == null ? List.of() : List.of((String[]) topics.getArray()));
                }).list().stream().filter(java.util.Objects::nonNull).toList();
        List<ClientRate> clientRates = context.jdbc().sql(windowTickets + """
                , clients AS (
                    SELECT company_id, count(DISTINCT contact_id) AS active_contacts,
                           count(*) FILTER (WHERE is_training) AS training_tickets
                    FROM window_tickets GROUP BY company_id),
                rates AS (
                    SELECT company_id, active_contacts, training_tickets,
                           training_tickets::numeric / active_contacts AS per_contact
                    FROM clients WHERE active_contacts > 0),
                median AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY per_contact) AS value, count(*) AS clients FROM rates)
                SELECT r.company_id, coalesce(c.name, 'Company ' || r.company_id) AS client, c.identifier,
                       r.active_contacts, r.training_tickets, r.per_contact, m.value AS median, m.clients,
                       (SELECT count(*) FILTER (WHERE is_training)::float8 / count(*) FROM window_tickets) AS tenant_share
                FROM rates r CROSS JOIN median m
                LEFT JOIN cw_companies c ON c.id = r.company_id
                ORDER BY r.per_contact DESC, client, r.company_id
                """)
                .param("training", training)
                .param("start", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .query((rs, n) -> new ClientRate(rs.getLong("company_id"), rs.getString("client"),
                        rs.getString("identifier"), rs.getLong("active_contacts"), rs.getLong("training_tickets"),
                        rs.getBigDecimal("per_contact").doubleValue(), rs.getDouble("median"),
                        rs.getDouble("tenant_share")))
                .list();
        int minSample = context.integer("minSample");
        double median = clientRates.isEmpty() ? Double.NaN : clientRates.get(0).median();
        List<ClientTrainingNeedsResult.Client> clients = new ArrayList<>();
        long belowMinSample = 0;
        for (ClientRate rate : clientRates) {
            Double ratio = median > 0 ? rate.perContact() / median : null;
            boolean above = ratio != null ? ratio >= minRatio : rate.perContact() > 0;
            if (!above) {
                continue;
            }
            if (rate.trainingTickets() < minSample) {
                belowMinSample++;
                continue;
            }
            clients.add(new ClientTrainingNeedsResult.Client(rate.client(), rate.clientIdentifier(), rate.companyId(),
                    rate.trainingTickets(), rate.activeContacts(), round(rate.perContact()), round(median),
                    ratio == null ? null : round(ratio)));
        }
        List<ClientTrainingNeedsResult.Flagged> rows = new ArrayList<>(contacts);
        rows.addAll(clients);
        return KpiOutput.of(new ClientTrainingNeedsResult(new ClientTrainingNeedsResult.Summary(contacts.size(),
                clients.size(), clientRates.isEmpty() ? null : round(clientRates.get(0).tenantShare()),
                clientRates.size(), clientRates.isEmpty() ? null : round(median), belowMinSample,
                context.settings().tenant().trainingCategories()), rows));
    }

    /** A client's training tickets per active contact, with the tenant's median over clients and training share. */
    private record ClientRate(long companyId, String client, String clientIdentifier, long activeContacts,
            long trainingTickets, double perContact, double median, double tenantShare) {
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }
}
