package com.mspanalytics.support;

import com.mspanalytics.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hand-built source rows for KPI tests, written with the owner's connection as a sync would have
 * written them (raw JSON kept minimal): small datasets whose expected numbers a test can state.
 */
public final class KpiFixtures {

    private static final AtomicLong IDS = new AtomicLong(1_000_000);

    private final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    private final TenantId tenant;

    public KpiFixtures(TenantId tenant) {
        this.tenant = tenant;
    }

    public long company(String identifier, String name) {
        long id = IDS.incrementAndGet();
        owner.sql("INSERT INTO cw_companies (tenant_id, id, identifier, name, raw) VALUES (?, ?, ?, ?, '{}')")
                .params(tenant.value(), id, identifier, name).update();
        return id;
    }

    public long member(String identifier) {
        long id = IDS.incrementAndGet();
        owner.sql("INSERT INTO cw_members (tenant_id, id, identifier, raw) VALUES (?, ?, ?, '{}')")
                .params(tenant.value(), id, identifier).update();
        return id;
    }

    /** A ticket with its category; returns its id. */
    public TicketBuilder ticket(long companyId, Instant entered) {
        return new TicketBuilder(companyId, entered);
    }

    public long timeEntry(long ticketId, long companyId, Long memberId, Instant start, String hours, String workType,
            String billableOption) {
        return chargedEntry("ServiceTicket", ticketId, companyId, memberId, start, hours, workType, billableOption);
    }

    /**
     * A time entry charged to {@code chargeToType} {@code chargeToId} (e.g. ChargeCode 12, whose 12 is not a ticket's
     * id), as ConnectWise sends it.
     */
    public long chargedEntry(String chargeToType, long chargeToId, long companyId, Long memberId, Instant start,
            String hours, String workType, String billableOption) {
        long id = IDS.incrementAndGet();
        owner.sql("""
                INSERT INTO cw_time_entries (tenant_id, id, company_id, charge_to_type, charge_to_id, member_id, work_type,
                    billable_option, time_start, time_end, actual_hours, last_updated, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')""")
                .params(tenant.value(), id, companyId, chargeToType, chargeToId, memberId, workType, billableOption,
                        java.sql.Timestamp.from(start),
                        java.sql.Timestamp.from(start.plusSeconds((long) (new BigDecimal(hours).doubleValue() * 3600))),
                        new BigDecimal(hours), java.sql.Timestamp.from(start))
                .update();
        return id;
    }

    /** A phase of a project (ConnectWise /project/tickets) with its category and board; returns its id. */
    public long projectTicket(long companyId, long projectId, String type, String subType, String board, Instant entered) {
        long id = IDS.incrementAndGet();
        owner.sql("""
                INSERT INTO cw_project_tickets (tenant_id, id, project_id, phase_name, summary, board_name, company_id,
                    type_name, subtype_name, date_entered, last_updated, raw)
                VALUES (?, ?, ?, 'Implementation', 'Implementation', ?, ?, ?, ?, ?, ?, '{}')""")
                .params(tenant.value(), id, projectId, board, companyId, type, subType, java.sql.Timestamp.from(entered),
                        java.sql.Timestamp.from(entered))
                .update();
        return id;
    }

    public long contact(long companyId, String firstName, String lastName) {
        long id = IDS.incrementAndGet();
        owner.sql("INSERT INTO cw_contacts (tenant_id, id, company_id, first_name, last_name, raw) VALUES (?, ?, ?, ?, ?, '{}')")
                .params(tenant.value(), id, companyId, firstName, lastName).update();
        return id;
    }

    /** An agreement active from {@code start} (no end date). */
    public long agreement(long companyId, String name, String type, java.time.LocalDate start) {
        long id = IDS.incrementAndGet();
        owner.sql("INSERT INTO cw_agreements (tenant_id, id, company_id, name, type_name, start_date, raw) VALUES (?, ?, ?, ?, ?, ?, '{}')")
                .params(tenant.value(), id, companyId, name, type, start).update();
        return id;
    }

    /** A time entry charged against {@code agreementId} (null: none). */
    public long timeEntryOnAgreement(long ticketId, long companyId, Long memberId, Long agreementId, Instant start,
            String hours, String workType, String billableOption) {
        long id = timeEntry(ticketId, companyId, memberId, start, hours, workType, billableOption);
        owner.sql("UPDATE cw_time_entries SET agreement_id = ? WHERE tenant_id = ? AND id = ?")
                .params(agreementId, tenant.value(), id).update();
        return id;
    }

    public long project(long companyId, String name, java.time.LocalDate actualStart, java.time.LocalDate actualEnd,
            String description) {
        long id = IDS.incrementAndGet();
        owner.sql("""
                INSERT INTO cw_projects (tenant_id, id, company_id, name, status, closed, actual_start, actual_end, description, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')""")
                .params(tenant.value(), id, companyId, name, actualEnd == null ? "In Progress" : "Closed", actualEnd != null,
                        actualStart, actualEnd, description).update();
        return id;
    }

    /** A SmileBack review of a ticket: score 1 positive, 0 neutral, -1 negative. */
    public long review(long ticketId, String agent, int score, Instant ratedAt) {
        long id = IDS.incrementAndGet();
        owner.sql("""
                INSERT INTO smileback_reviews (tenant_id, id, ticket_id, agents, score, rating, created_at, rated_at,
                    last_updated, raw)
                VALUES (?, ?, ?, ARRAY[?]::text[], ?, ?, ?, ?, ?, '{}')""")
                .params(tenant.value(), id, ticketId, agent, score, score > 0 ? "positive" : score < 0 ? "negative" : "neutral",
                        java.sql.Timestamp.from(ratedAt), java.sql.Timestamp.from(ratedAt), java.sql.Timestamp.from(ratedAt))
                .update();
        return id;
    }

    /** One change in a ticket's ConnectWise status history (as the ticket-history sync stores it). */
    public void statusChange(long ticketId, Instant at, String from, String to) {
        owner.sql("""
                INSERT INTO cw_ticket_status_changes (tenant_id, id, ticket_id, changed_at, changed_by, from_status,
                    to_status, raw)
                VALUES (?, ?, ?, ?, 'tech', ?, ?, '{}')""")
                .params(tenant.value(), IDS.incrementAndGet(), ticketId, java.sql.Timestamp.from(at), from, to).update();
    }

    /** Sets a ticket's current status name (tickets are created "Closed" when closed, else "New"). */
    public void ticketStatus(long ticketId, String status) {
        owner.sql("UPDATE cw_tickets SET status_name = ? WHERE tenant_id = ? AND id = ?")
                .params(status, tenant.value(), ticketId).update();
    }

    /** A normalised security event; acknowledged/resolved may be null (still open). */
    public String securityEvent(String source, String clientKey, String clientName, String severity, String classification,
            Instant created, Instant acknowledged, Instant resolved) {
        String id = "evt-" + IDS.incrementAndGet();
        String status = resolved != null ? "resolved" : acknowledged != null ? "in_progress" : "new";
        owner.sql("""
                INSERT INTO security_events (tenant_id, source, external_id, client_key, client_name, severity, status,
                    classification, title, created_at, acknowledged_at, resolved_at, last_updated, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'event', ?, ?, ?, ?, '{}')""")
                .params(tenant.value(), source, id, clientKey, clientName, severity, status, classification,
                        java.sql.Timestamp.from(created), acknowledged == null ? null : java.sql.Timestamp.from(acknowledged),
                        resolved == null ? null : java.sql.Timestamp.from(resolved), java.sql.Timestamp.from(created))
                .update();
        return id;
    }

    public final class TicketBuilder {
        private final long companyId;
        private final Instant entered;
        private String type;
        private String subType;
        private String item;
        private String board = "Service Desk";
        private String summary = "ticket";
        private Long owner;
        private Instant closed;
        private Long contactId;
        private String priority = "Priority 3 - Normal";

        private TicketBuilder(long companyId, Instant entered) {
            this.companyId = companyId;
            this.entered = entered;
        }

        public TicketBuilder category(String type, String subType, String item) {
            this.type = type;
            this.subType = subType;
            this.item = item;
            return this;
        }

        public TicketBuilder board(String board) {
            this.board = board;
            return this;
        }

        public TicketBuilder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public TicketBuilder owner(long memberId) {
            this.owner = memberId;
            return this;
        }

        public TicketBuilder closed(Instant closed) {
            this.closed = closed;
            return this;
        }

        public TicketBuilder contact(long contactId) {
            this.contactId = contactId;
            return this;
        }

        public TicketBuilder priority(String priority) {
            this.priority = priority;
            return this;
        }

        public long create() {
            long id = IDS.incrementAndGet();
            KpiFixtures.this.owner.sql("""
                    INSERT INTO cw_tickets (tenant_id, id, summary, board_name, status_name, company_id, contact_id,
                        type_name, subtype_name, item_name, priority_name, owner_member_id, date_entered, closed_date,
                        closed, last_updated, raw)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')""")
                    .params(tenant.value(), id, summary, board, closed == null ? "New" : "Closed", companyId, contactId,
                            type, subType, item, priority, owner,
                            java.sql.Timestamp.from(entered), closed == null ? null : java.sql.Timestamp.from(closed),
                            closed != null, java.sql.Timestamp.from(closed == null ? entered : closed))
                    .update();
            return id;
        }
    }
}
