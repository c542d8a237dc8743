-- API keys: only an HMAC of the key is stored (auth/ApiKeyHasher explains why HMAC, not bcrypt).
CREATE TABLE api_keys (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id             uuid        NOT NULL,
    name           text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    key_hash       bytea       NOT NULL,
    display_prefix text        NOT NULL,
    permissions    text[]      NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- Authentication looks a key up before its tenant is known. 256 random bits make a collision
-- impossible, so a plain index suffices (unique keys of tenant tables must lead with tenant_id).
CREATE INDEX api_keys_by_hash ON api_keys (key_hash);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
-- The owner defines authenticate_api_key, which must see every key (V1 explains owner_maintenance).
CREATE POLICY owner_maintenance ON api_keys FOR ALL TO ${flyway:user} USING (true) WITH CHECK (true);

-- The one way to find a key's tenant without a tenant: by its digest, returning only what
-- authentication needs, and stamping last use at most once a minute to spare write traffic.
CREATE FUNCTION authenticate_api_key(p_key_hash bytea)
    RETURNS TABLE (tenant_id uuid, key_id uuid, permissions text[])
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    UPDATE api_keys k SET last_used_at = now()
    WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
      AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
    SELECT k.tenant_id, k.id, k.permissions FROM api_keys k
    WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL;
$$;
REVOKE ALL ON FUNCTION authenticate_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticate_api_key(bytea) TO ${app_role};
