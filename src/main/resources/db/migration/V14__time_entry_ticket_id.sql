-- The one rule for which time belongs to a ticket (docs/kpis.md, "Ticket time"): a ConnectWise time entry's
-- chargeToId is a ticket id only when chargeToType is ServiceTicket or ProjectTicket. For ChargeCode, Activity
-- and Company it is the id of something else (an independent sequence, so it collides with ticket ids), and an
-- entry without a type is not guessed to be on a ticket. Every KPI joins time to tickets on ticket_id, never on
-- charge_to_id, so the rule lives here once and cannot be copied wrong.
ALTER TABLE cw_time_entries
    ADD COLUMN ticket_id bigint GENERATED ALWAYS AS (
        CASE WHEN charge_to_type IN ('ServiceTicket', 'ProjectTicket') THEN charge_to_id END) STORED;

-- Same covering index as V8's, on the new key: the ticket KPIs' join stays an index-only scan.
CREATE INDEX cw_time_entries_by_ticket_id ON cw_time_entries (tenant_id, ticket_id)
    INCLUDE (member_id, actual_hours, deleted_at) WHERE ticket_id IS NOT NULL;
DROP INDEX cw_time_entries_by_ticket_covering;
