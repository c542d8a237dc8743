-- Sync runs and checkpoints (sync package). A checkpoint is written in the same transaction as the
-- rows it covers, so a crash can never leave rows without their checkpoint or the reverse.

CREATE TABLE sync_runs (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    entity        text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    trigger       text        NOT NULL,
    queued_at     timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    fetched       bigint      NOT NULL DEFAULT 0,
    inserted      bigint      NOT NULL DEFAULT 0,
    updated       bigint      NOT NULL DEFAULT 0,
    deleted       bigint      NOT NULL DEFAULT 0,
    error         text,
    PRIMARY KEY (tenant_id, id)
);
-- At most one active run per tenant and entity, whatever the number of nodes.
CREATE UNIQUE INDEX sync_runs_one_active ON sync_runs (tenant_id, entity) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX sync_runs_recent ON sync_runs (tenant_id, queued_at DESC);
ALTER TABLE sync_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sync_runs
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

CREATE TABLE sync_checkpoints (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    entity     text        NOT NULL,
    position   text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, entity)
);
ALTER TABLE sync_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sync_checkpoints
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The scheduled jobs of db-scheduler (its PostgreSQL schema); shared by every node, which is what
-- makes each recurring job run once per interval in a cluster. Not tenant data.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- Jobs act for every tenant in turn; this is the one list of tenants the application role may read.
CREATE FUNCTION all_tenant_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$ SELECT id FROM tenants ORDER BY id $$;
REVOKE ALL ON FUNCTION all_tenant_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION all_tenant_ids() TO ${app_role};
