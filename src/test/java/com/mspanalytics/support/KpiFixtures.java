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
        long id = IDS.incrementAndGet();
        owner.sql("""
                INSERT INTO cw_time_entries (tenant_id, id, company_id, charge_to_type, charge_to_id, member_id, work_type,
                    billable_option, time_start, time_end, actual_hours, last_updated, raw)
                VALUES (?, ?, ?, 'ServiceTicket', ?, ?, ?, ?, ?, ?, ?, ?, '{}')""")
                .params(tenant.value(), id, companyId, ticketId, memberId, workType, billableOption,
                        java.sql.Timestamp.from(start),
                        java.sql.Timestamp.from(start.plusSeconds((long) (new BigDecimal(hours).doubleValue() * 3600))),
                        new BigDecimal(hours), java.sql.Timestamp.from(start))
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
                    INSERT INTO cw_tickets (tenant_id, id, summary, board_name, company_id, contact_id, type_name,
                        subtype_name, item_name, priority_name, owner_member_id, date_entered, closed_date, closed,
                        last_updated, raw)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')""")
                    .params(tenant.value(), id, summary, board, companyId, contactId, type, subType, item, priority, owner,
                            java.sql.Timestamp.from(entered), closed == null ? null : java.sql.Timestamp.from(closed),
                            closed != null, java.sql.Timestamp.from(closed == null ? entered : closed))
                    .update();
            return id;
        }
    }
}
