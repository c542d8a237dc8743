-- Connector credentials (secrets.CredentialVault): one AES-256-GCM sealed JSON document per tenant
-- and connector. ciphertext holds the GCM output with its 128-bit tag, nonce the random 96-bit nonce,
-- key_id the id of the derived key that sealed it, so rotate-secrets finds rows under an old key.
-- The tenant id and the connector are the associated data: a ciphertext copied to another row fails
-- to decrypt. Follows V1's tenancy pattern.

CREATE TABLE connector_credentials (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    connector  text        NOT NULL CHECK (connector ~ '^[a-z0-9]{1,40}$'),
    ciphertext bytea       NOT NULL CHECK (octet_length(ciphertext) > 16),
    nonce      bytea       NOT NULL CHECK (octet_length(nonce) = 12),
    key_id     integer     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, connector)
);
ALTER TABLE connector_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connector_credentials
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
-- rotate-secrets re-encrypts every tenant's values as the owner (V1 explains owner_maintenance).
CREATE POLICY owner_maintenance ON connector_credentials FOR ALL TO ${flyway:user} USING (true) WITH CHECK (true);
