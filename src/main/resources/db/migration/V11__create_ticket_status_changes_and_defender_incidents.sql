-- The two sources issue 5 still lacked: ConnectWise ticket status history (KPI 03's reopen rate) and Microsoft
-- Defender incidents. Like V5 and V6: the columns a KPI reads plus the source record itself (raw); tenant_id first in
-- every key; forced RLS.

-- One status change of a ConnectWise service ticket, from the ticket's audit trail
-- (GET /system/audittrail?type=Ticket&id=…, external-apis.md 1.13), synced by the ticket-history entity.
--   id            audit entries have no id: a 60-bit hash of the ticket id and the entry's JSON, so an entry read
--                 again is the same row, whatever page or position it comes at
--   ticket_id     the ConnectWise ticket (cw_tickets.id)
--   from_status,  the status names quoted in the entry's text, `Status has been changed from "A" to "B".` (the
--   to_status     text format of the audit trail is not documented; other entries of the trail are not stored)
--   changed_at    enteredDate; changed_by enteredBy (a member identifier or a contact's e-mail)
--   deleted_at    always NULL: audit trails only grow (kept for the shape every ConnectWise table shares)
-- Whether a status is a closed one is not in the entry; KPI 03 takes the status names its closed tickets are in.
CREATE TABLE cw_ticket_status_changes (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           bigint      NOT NULL,
    ticket_id    bigint      NOT NULL,
    changed_at   timestamptz,
    changed_by   text,
    from_status  text,
    to_status    text,
    deleted_at   timestamptz,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    raw          jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- KPI 03 joins the window's closed tickets to their changes: index-only.
CREATE INDEX cw_ticket_status_changes_by_ticket ON cw_ticket_status_changes (tenant_id, ticket_id)
    INCLUDE (from_status, to_status, deleted_at);

-- One Microsoft Defender incident (Graph GET /v1.0/security/incidents, external-apis.md 4.4), synced by the
-- defender-incidents entity. KPI 12 counts security events (alerts, in security_events), not incidents; an alert's
-- incident is security_events.raw->>'incidentId' (source 'defender') = defender_incidents.id.
--   client_key      the incident's tenantId, as security_events.client_key of its alerts
--   status          Graph's status in snake case: active, in_progress, awaiting_action, resolved, redirected, unknown
--   redirect_incident_id  for status redirected: the incident this one was merged into (its alerts are there now)
--   severity        as for alerts (V6): high/medium/low/informational; unknown -> informational
--   classification  as for alerts (V6): true_positive, false_positive, benign, undetermined
--   resolved_at     v1.0 has no resolvedDateTime on incidents: lastUpdateDateTime when first seen resolved, kept
--                   (the earliest seen) while it stays resolved, cleared when it is reopened (external-apis.md 4.4 ⚙)
-- Graph has no tombstones for incidents (merged ones become redirected), so there is no deleted_at.
CREATE TABLE defender_incidents (
    tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                   text        NOT NULL,
    client_key           text,
    display_name         text,
    status               text        NOT NULL CHECK (status IN ('active', 'in_progress', 'awaiting_action', 'resolved',
                                                                'redirected', 'unknown')),
    redirect_incident_id text,
    severity             text        NOT NULL CHECK (severity IN ('high', 'medium', 'low', 'informational')),
    classification       text        NOT NULL CHECK (classification IN ('true_positive', 'false_positive', 'benign',
                                                                         'undetermined')),
    determination        text,
    assigned_to          text,
    created_at           timestamptz NOT NULL,
    resolved_at          timestamptz,
    last_updated         timestamptz NOT NULL,
    raw                  jsonb       NOT NULL,
    synced_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX defender_incidents_by_created ON defender_incidents (tenant_id, created_at);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cw_ticket_status_changes', 'defender_incidents'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END $$;
