-- A read-only link for a screen (the TV in the service desk): it shows the overview and a rotation of chosen pages
-- to whoever opens it, until it expires or an admin revokes it. Only the SHA-256 of the link's token is kept (32
-- random bytes, so no salt is needed): the table alone opens no screen.
CREATE TABLE tv_links (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id             uuid        NOT NULL,
    name           text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    -- the rotation, in order: 'overview' or a KPI's slug
    pages          text[]      NOT NULL CHECK (cardinality(pages) BETWEEN 1 AND 20),
    rotate_seconds integer     NOT NULL CHECK (rotate_seconds BETWEEN 10 AND 3600),
    token_hash     bytea       NOT NULL CHECK (length(token_hash) = 32),
    created_by     uuid        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES tenant_users (tenant_id, id),
    CHECK (expires_at > created_at)
);
-- The link's token is looked up before its tenant is known, by this plain index.
CREATE INDEX tv_links_by_token ON tv_links (token_hash);
SELECT apply_tenancy('tv_links');
-- open_tv_link must see every tenant's links (V1 explains owner_maintenance).
CREATE POLICY owner_maintenance ON tv_links FOR ALL TO ${flyway:user} USING (true) WITH CHECK (true);

-- The one way to find a link without a tenant: the working link with that token hash, with what the screen shows.
-- Expired and revoked links are not returned, so the caller cannot tell them from links that never existed.
CREATE FUNCTION open_tv_link(p_token_hash bytea)
    RETURNS TABLE (tenant_id uuid, link_id uuid, name text, pages text[], rotate_seconds integer,
                   last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    SELECT l.tenant_id, l.id, l.name, l.pages, l.rotate_seconds, l.last_used_at
    FROM tv_links l
    WHERE l.token_hash = p_token_hash AND l.revoked_at IS NULL AND l.expires_at > now()
    LIMIT 1;
$$;
REVOKE ALL ON FUNCTION open_tv_link(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION open_tv_link(bytea) TO ${app_role};
