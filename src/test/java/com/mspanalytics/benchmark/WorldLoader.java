package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.out;

import com.mspanalytics.simulator.sentinelone.SentinelOneSimulator;
import com.mspanalytics.simulator.world.Addition;
import com.mspanalytics.simulator.world.Agreement;
import com.mspanalytics.simulator.world.Catalog;
import com.mspanalytics.simulator.world.Client;
import com.mspanalytics.simulator.world.Contact;
import com.mspanalytics.simulator.world.MspWorld;
import com.mspanalytics.simulator.world.Project;
import com.mspanalytics.simulator.world.Review;
import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.Tech;
import com.mspanalytics.simulator.world.Ticket;
import com.mspanalytics.simulator.world.TimeEntry;
import com.mspanalytics.tenant.TenantId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads a generated world into a tenant with PostgreSQL COPY over the owner's connection, straight into the
 * normalised tables, columns mapped as the sync maps the simulators' records; {@code raw} is {@code '{}'} (no KPI
 * nor page reads it) to keep the load fast.
 */
final class WorldLoader {

    private WorldLoader() {
    }

    static void load(DataSource owner, TenantId tenantId, MspWorld world) throws Exception {
        String tenant = tenantId.value().toString();
        Catalog catalog = world.catalog();
        Instant now = world.spec().endInstant();
        String nowText = ts(now);
        try (Connection c = owner.getConnection()) {
            try (Writer w = copy(c, "cw_companies (tenant_id, id, identifier, name, status, market, employees, last_updated, raw)")) {
                for (Client cl : catalog.clients()) {
                    row(w, tenant, cl.id(), cl.identifier(), cl.name(), "Active", cl.industry(), cl.employees(), nowText, "{}");
                }
            }
            try (Writer w = copy(c, "cw_contacts (tenant_id, id, company_id, first_name, last_name, email, last_updated, raw)")) {
                for (Client cl : catalog.clients()) {
                    for (Contact ct : cl.contacts()) {
                        row(w, tenant, ct.id(), ct.companyId(), ct.firstName(), ct.lastName(), ct.email(), nowText, "{}");
                    }
                }
            }
            try (Writer w = copy(c, "cw_members (tenant_id, id, identifier, first_name, last_name, title, daily_capacity, last_updated, raw)")) {
                for (Tech t : catalog.techs()) {
                    row(w, tenant, t.id(), t.identifier(), t.firstName(), t.lastName(), t.title(), t.dailyCapacity(), nowText, "{}");
                }
            }
            try (Writer w = copy(c, "cw_agreements (tenant_id, id, company_id, name, type_name, start_date, last_updated, raw)")) {
                for (Client cl : catalog.clients()) {
                    for (Agreement a : cl.agreements()) {
                        row(w, tenant, a.id(), a.companyId(), a.name(), a.type().displayName(), a.startDate(), nowText, "{}");
                    }
                }
            }
            try (Writer w = copy(c, "cw_agreement_additions (tenant_id, agreement_id, id, product, quantity, effective_date, raw)")) {
                for (Client cl : catalog.clients()) {
                    for (Agreement a : cl.agreements()) {
                        for (Addition ad : a.additions()) {
                            row(w, tenant, ad.agreementId(), ad.id(), ad.product(), ad.quantity(), ad.effectiveDate(), "{}");
                        }
                    }
                }
            }
            try (Writer w = copy(c, "cw_projects (tenant_id, id, company_id, name, status, closed, actual_start, actual_end, "
                    + "estimated_start, estimated_end, description, last_updated, raw)")) {
                for (Project p : catalog.projects()) {
                    if (p.actualStart().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(now)) continue;
                    boolean closed = p.closed() && !p.actualEnd().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(now);
                    row(w, tenant, p.id(), p.companyId(), p.name(), closed ? "Closed" : "In Progress", closed,
                            p.actualStart(), closed ? p.actualEnd() : null, p.actualStart(),
                            p.actualEnd() != null ? p.actualEnd() : p.actualStart().plusDays(60), "Domain: " + p.domain(),
                            nowText, "{}");
                }
            }
        }
        // Tickets, their time entries and reviews in one pass over the generated bundles, three COPY streams at once.
        long[] counts = new long[3];
        try (Connection ct = owner.getConnection(); Connection ce = owner.getConnection(); Connection cr = owner.getConnection();
             Writer tickets = copy(ct, "cw_tickets (tenant_id, id, summary, board_id, board_name, status_name, company_id, "
                     + "contact_id, type_name, subtype_name, item_name, priority_name, owner_member_id, agreement_id, "
                     + "date_entered, date_responded, closed_date, closed, actual_hours, last_updated, raw)");
             Writer entries = copy(ce, "cw_time_entries (tenant_id, id, company_id, charge_to_type, charge_to_id, member_id, "
                     + "work_type, work_role, billable_option, agreement_id, time_start, time_end, actual_hours, hours_billed, "
                     + "last_updated, raw)");
             Writer reviews = copy(cr, "smileback_reviews (tenant_id, id, ticket_id, agents, company_id, company_name, "
                     + "contact_id, score, rating, status, created_at, rated_at, last_updated, raw)")) {
            world.bundles().forEach(bundle -> {
                try {
                    Ticket t = bundle.ticket();
                    if (t.dateEntered().isAfter(now)) return;
                    boolean closed = t.isClosedAt(now);
                    boolean responded = !t.respondedAt().isAfter(now);
                    double hours = 0;
                    Instant updated = t.dateEntered();
                    for (TimeEntry e : bundle.timeEntries()) {
                        if (e.timeEnd().isAfter(now)) continue;
                        hours += e.actualHours();
                        if (e.timeEnd().isAfter(updated)) updated = e.timeEnd();
                        boolean billable = e.billableOption().name().equals("Billable");
                        row(entries, tenant, e.id(), e.client().id(), "ServiceTicket", e.ticketId(), e.member().id(),
                                e.workType().displayName(), e.workRole(), e.billableOption().name(), e.agreement().id(),
                                ts(e.timeStart()), ts(e.timeEnd()), e.actualHours(), billable ? e.actualHours() : 0.0,
                                ts(e.timeEnd()), "{}");
                        counts[1]++;
                    }
                    if (responded && t.respondedAt().isAfter(updated)) updated = t.respondedAt();
                    if (closed && t.closedAt().isAfter(updated)) updated = t.closedAt();
                    row(tickets, tenant, t.id(), t.summary(), t.board().id(), t.board().displayName(),
                            closed ? "Closed" : responded ? "In Progress" : "New", t.client().id(), t.contact().id(),
                            t.category().type(), t.category().subType(), t.category().item(), t.priority().displayName(),
                            t.owner().id(), t.agreement().id(), ts(t.dateEntered()), responded ? ts(t.respondedAt()) : null,
                            closed ? ts(t.closedAt()) : null, closed, Math.round(hours * 100) / 100.0, ts(updated), "{}");
                    counts[0]++;
                    Review r = bundle.review();
                    if (r != null && !r.sentAt().isAfter(now)) {
                        boolean rated = r.rating() != null && r.ratedAt() != null && !r.ratedAt().isAfter(now);
                        Integer score = rated ? r.rating() : null;
                        String rating = score == null ? null : score > 0 ? "positive" : score == 0 ? "neutral" : "negative";
                        Tech ownerTech = t.owner();
                        row(reviews, tenant, r.id(), t.id(), "{" + ownerTech.firstName() + ownerTech.lastName().charAt(0) + "}",
                                String.valueOf(t.client().id()), t.client().name(), String.valueOf(t.contact().id()), score,
                                rating, rated ? "rated" : "sent", ts(t.closedAt()), rated ? ts(r.ratedAt()) : null,
                                ts(rated ? r.ratedAt() : r.sentAt()), "{}");
                        counts[2]++;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        long events = 0;
        try (Connection c = owner.getConnection(); Writer w = copy(c, "security_events (tenant_id, source, external_id, "
                + "client_key, client_name, severity, status, classification, title, created_at, acknowledged_at, "
                + "resolved_at, last_updated, raw)")) {
            for (SecurityEvent e : world.securityEvents()) {
                if (e.createdAt().isAfter(now)) continue;
                boolean s1 = e.source() == SecurityEvent.Source.SENTINELONE;
                boolean resolved = !e.resolvedAt().isAfter(now), acknowledged = !e.acknowledgedAt().isAfter(now);
                row(w, tenant, s1 ? "sentinelone" : "defender", e.id(),
                        s1 ? SentinelOneSimulator.siteId(e.client()) : e.client().identifier(), s1 ? e.client().name() : null,
                        severity(e), resolved ? "resolved" : acknowledged ? "in_progress" : "new",
                        resolved ? classification(e.verdict()) : "undetermined", e.title(), ts(e.createdAt()),
                        acknowledged ? ts(e.acknowledgedAt()) : null, resolved ? ts(e.resolvedAt()) : null,
                        ts(e.lastUpdate(now)), "{}");
                events++;
            }
        }
        out("load: %,d tickets, %,d time entries, %,d reviews, %,d security events", counts[0], counts[1], counts[2], events);
    }

    private static String severity(SecurityEvent e) {
        String s = e.severity() == null ? "" : e.severity().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "critical", "high", "medium", "low", "informational" -> s;
            default -> "informational";
        };
    }

    private static String classification(String verdict) {
        if (verdict == null) return "undetermined";
        return switch (verdict) {
            case "true_positive", "truePositive" -> "true_positive";
            case "false_positive", "falsePositive" -> "false_positive";
            case "benign", "informationalExpectedActivity" -> "benign";
            default -> "undetermined";
        };
    }

    private static Writer copy(Connection c, String target) throws SQLException {
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY " + target + " FROM STDIN", 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    /** One row of COPY text format: tab-separated, \N for null, backslash escapes. */
    private static void row(Writer w, Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) w.write('\t');
            Object v = values[i];
            if (v == null) {
                w.write("\\N");
                continue;
            }
            String s = v.toString();
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '\\' -> w.write("\\\\");
                    case '\t' -> w.write("\\t");
                    case '\n' -> w.write("\\n");
                    case '\r' -> w.write("\\r");
                    default -> w.write(ch);
                }
            }
        }
        w.write('\n');
    }

    private static String ts(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
