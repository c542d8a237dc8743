-- ConnectWise PSA records: the columns the KPIs read, plus the source record itself (raw) so that a
-- new KPI can be back-filled without a re-sync. deleted_at marks records that vanished from
-- ConnectWise (found by id reconciliation); nothing synced is ever physically deleted.
-- Every table follows V1's tenancy pattern (tenant_id first in every key, forced RLS).

CREATE TABLE cw_companies (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           bigint      NOT NULL,
    identifier   text,
    name         text        NOT NULL,
    status       text,
    market       text,
    employees    integer,
    last_updated timestamptz,
    deleted_at   timestamptz,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    raw          jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE cw_contacts (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           bigint      NOT NULL,
    company_id   bigint,
    first_name   text,
    last_name    text,
    email        text,
    inactive     boolean     NOT NULL DEFAULT false,
    last_updated timestamptz,
    deleted_at   timestamptz,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    raw          jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE cw_members (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id             bigint      NOT NULL,
    identifier     text        NOT NULL,
    first_name     text,
    last_name      text,
    title          text,
    daily_capacity numeric(5, 2),
    inactive       boolean     NOT NULL DEFAULT false,
    last_updated   timestamptz,
    deleted_at     timestamptz,
    synced_at      timestamptz NOT NULL DEFAULT now(),
    raw            jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE cw_boards (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           bigint      NOT NULL,
    name         text        NOT NULL,
    project_flag boolean     NOT NULL DEFAULT false,
    inactive     boolean     NOT NULL DEFAULT false,
    last_updated timestamptz,
    deleted_at   timestamptz,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    raw          jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE cw_agreements (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           bigint      NOT NULL,
    company_id   bigint,
    name         text        NOT NULL,
    type_name    text,
    start_date   date,
    end_date     date,
    cancelled    boolean     NOT NULL DEFAULT false,
    last_updated timestamptz,
    deleted_at   timestamptz,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    raw          jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cw_agreements_by_company ON cw_agreements (tenant_id, company_id);

CREATE TABLE cw_agreement_additions (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    agreement_id   bigint      NOT NULL,
    id             bigint      NOT NULL,
    product        text,
    quantity       numeric(12, 2),
    effective_date date,
    cancelled_date date,
    deleted_at     timestamptz,
    synced_at      timestamptz NOT NULL DEFAULT now(),
    raw            jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, agreement_id, id)
);

CREATE TABLE cw_projects (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id              bigint      NOT NULL,
    company_id      bigint,
    name            text        NOT NULL,
    status          text,
    closed          boolean     NOT NULL DEFAULT false,
    actual_start    date,
    actual_end      date,
    estimated_start date,
    estimated_end   date,
    description     text,
    last_updated    timestamptz,
    deleted_at      timestamptz,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    raw             jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE cw_tickets (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                bigint      NOT NULL,
    summary           text,
    board_id          bigint,
    board_name        text,
    status_name       text,
    company_id        bigint,
    contact_id        bigint,
    type_name         text,
    subtype_name      text,
    item_name         text,
    priority_name     text,
    owner_member_id   bigint,
    agreement_id      bigint,
    date_entered      timestamptz,
    date_responded    timestamptz,
    closed_date       timestamptz,
    closed            boolean     NOT NULL DEFAULT false,
    actual_hours      numeric(10, 2),
    last_updated      timestamptz NOT NULL,
    deleted_at        timestamptz,
    synced_at         timestamptz NOT NULL DEFAULT now(),
    raw               jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cw_tickets_by_entered ON cw_tickets (tenant_id, date_entered);
CREATE INDEX cw_tickets_by_company ON cw_tickets (tenant_id, company_id, date_entered);

CREATE TABLE cw_time_entries (
    tenant_id       uuid           NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id              bigint         NOT NULL,
    company_id      bigint,
    charge_to_type  text,
    charge_to_id    bigint,
    member_id       bigint,
    work_type       text,
    work_role       text,
    billable_option text,
    agreement_id    bigint,
    time_start      timestamptz,
    time_end        timestamptz,
    actual_hours    numeric(10, 2) NOT NULL DEFAULT 0,
    hours_billed    numeric(10, 2),
    last_updated    timestamptz    NOT NULL,
    deleted_at      timestamptz,
    synced_at       timestamptz    NOT NULL DEFAULT now(),
    raw             jsonb          NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cw_time_entries_by_start ON cw_time_entries (tenant_id, time_start);
CREATE INDEX cw_time_entries_by_ticket ON cw_time_entries (tenant_id, charge_to_id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cw_companies', 'cw_contacts', 'cw_members', 'cw_boards', 'cw_agreements',
                             'cw_agreement_additions', 'cw_projects', 'cw_tickets', 'cw_time_entries'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END $$;
