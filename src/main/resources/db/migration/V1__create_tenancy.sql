-- Tenancy, the mechanism every later table follows:
--   * tenant_id is the first column of every key and index of a tenant-owned table;
--   * row-level security is ENABLED and FORCED with a policy comparing tenant_id to current_tenant_id();
--   * current_tenant_id() reads app.tenant_id, which TenantTransactionManager sets per transaction
--     (set_config(..., true)); unset or empty means NULL, and NULL matches no row;
--   * views over tenant tables are created WITH (security_invoker = true) so the caller's RLS applies;
--   * where the owner itself must work across tenants (seed, authentication lookup, key rotation), a
--     second policy named owner_maintenance applies TO the owner only. FORCE makes RLS bind the owner
--     too, and in production the owner is no superuser; the owner can alter these tables anyway, so
--     this grants it nothing new, and the application role never matches it.
-- The application role (${app_role}) neither owns tables nor bypasses RLS; migrations run as the owner.

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id() TO ${app_role};

CREATE TABLE tenants (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Tenants are created by the owner (the seed command); the service only reads its own row.
REVOKE INSERT, UPDATE, DELETE ON tenants FROM ${app_role};
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (id = current_tenant_id());
CREATE POLICY owner_maintenance ON tenants FOR ALL TO ${flyway:user} USING (true) WITH CHECK (true);

CREATE TABLE tenant_settings (
    tenant_id  uuid        PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    settings   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenant_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_settings
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
