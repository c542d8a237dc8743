-- Project tickets (ConnectWise /project/tickets, recordType ProjectTicket): the phases of work on a project.
-- ConnectWise numbers them in the same sequence as service tickets, so a time entry's ticket_id (V14) names one
-- ticket of either kind. They are kept apart from cw_tickets because they are planned work: the KPIs that count
-- tickets (recurring issues, trends, resolution times) count service tickets only, while the KPIs that attribute
-- time to a ticket's domain or board read both, through cw_charged_tickets below.

-- The tenancy pattern of V1 for one table: row-level security enabled and forced, with the tenant policy.
CREATE FUNCTION apply_tenancy(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = current_tenant_id()) '
                   'WITH CHECK (tenant_id = current_tenant_id())', target);
END $$;
REVOKE EXECUTE ON FUNCTION apply_tenancy(regclass) FROM PUBLIC;

CREATE TABLE cw_project_tickets (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id              bigint      NOT NULL,
    project_id      bigint,
    phase_name      text,
    summary         text,
    board_id        bigint,
    board_name      text,
    status_name     text,
    company_id      bigint,
    type_name       text,
    subtype_name    text,
    item_name       text,
    owner_member_id bigint,
    date_entered    timestamptz,
    closed_date     timestamptz,
    closed          boolean     NOT NULL DEFAULT false,
    last_updated    timestamptz NOT NULL,
    deleted_at      timestamptz,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    raw             jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cw_project_tickets_by_project ON cw_project_tickets (tenant_id, project_id);
SELECT apply_tenancy('cw_project_tickets');

-- Every ticket time can be charged to, service or project, with what the time KPIs read of it. Deleted tickets
-- are left out, so time on them counts as time on no ticket.
CREATE VIEW cw_charged_tickets WITH (security_invoker = true) AS
    SELECT tenant_id, id, 'ServiceTicket' AS record_type, company_id, board_name, type_name, subtype_name, item_name
    FROM cw_tickets WHERE deleted_at IS NULL
    UNION ALL
    SELECT tenant_id, id, 'ProjectTicket', company_id, board_name, type_name, subtype_name, item_name
    FROM cw_project_tickets WHERE deleted_at IS NULL;
