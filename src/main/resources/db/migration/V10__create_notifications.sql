-- Every message the service sends a tenant's people: Slack anomaly alerts and weekly e-mail digests,
-- whether they were delivered, how many attempts it took and why they failed. This is the history
-- GET /notifications shows; an alert that fails does not fail the KPI run that raised it, so this
-- is where the failure is visible.
CREATE TABLE notifications (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    channel    text        NOT NULL CHECK (channel IN ('slack', 'email')),
    subject    text        NOT NULL,      -- the KPI an alert is about, or 'weekly-digest'
    period     text,                      -- the digest's week (its first day); null for alerts
    result_id  uuid,                      -- the KPI result an alert was raised by
    items      integer     NOT NULL DEFAULT 0,
    status     text        NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    attempts   integer     NOT NULL DEFAULT 0,
    error      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_recent ON notifications (tenant_id, created_at DESC);
-- One digest per tenant and week, whichever node sends it; a failed attempt frees the week for a retry.
CREATE UNIQUE INDEX notifications_one_digest ON notifications (tenant_id, subject, period)
    WHERE channel = 'email' AND status <> 'failed';

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
