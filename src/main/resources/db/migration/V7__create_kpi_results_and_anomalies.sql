-- KPI results (every computation, with its parameters, for history and reproducibility) and the
-- anomalies KPIs 04, 11 and 12 find. An anomaly's key (kpi, dimension, key, period) is stable, so the
-- same anomaly found again by a later run is never reported twice.

CREATE TABLE kpi_results (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    kpi         text        NOT NULL,
    window_from date        NOT NULL,
    window_to   date        NOT NULL,
    params      jsonb       NOT NULL,
    result      jsonb       NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX kpi_results_latest ON kpi_results (tenant_id, kpi, computed_at DESC);

CREATE TABLE anomalies (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kpi             text        NOT NULL,
    dimension       text        NOT NULL,
    key             text        NOT NULL,
    period          text        NOT NULL,
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged')),
    details         jsonb       NOT NULL,
    result_id       uuid        NOT NULL,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    alerted_at      timestamptz,
    PRIMARY KEY (tenant_id, kpi, dimension, key, period)
);
CREATE INDEX anomalies_open ON anomalies (tenant_id, first_seen_at DESC) WHERE status = 'open';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['kpi_results', 'anomalies'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END $$;
