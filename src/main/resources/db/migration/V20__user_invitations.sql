-- An admin's invitation to become a tenant user: who (e-mail, display name), with which role, and a one-time link
-- that expires. Only the SHA-256 of the link's token is kept (32 random bytes, so no salt is needed): the table
-- alone opens no account. An invitation is open until it is accepted, revoked or past expires_at.
CREATE TABLE user_invitations (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    email        text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
    display_name text        NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
    role         text        NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
    token_hash   bytea       NOT NULL CHECK (length(token_hash) = 32),
    invited_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invited_by) REFERENCES tenant_users (tenant_id, id),
    CHECK (expires_at > created_at),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- At most one invitation per e-mail that is neither accepted nor revoked, so two admins cannot invite the same
-- person twice at once. An expired one is deleted when its e-mail is invited again (Invitations.invite).
CREATE UNIQUE INDEX user_invitations_one_open_per_email ON user_invitations (tenant_id, lower(email))
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
-- The link's token is looked up before its tenant is known, by this plain index.
CREATE INDEX user_invitations_by_token ON user_invitations (token_hash);
SELECT apply_tenancy('user_invitations');
-- open_invitation must see every tenant's invitations (V1 explains owner_maintenance).
CREATE POLICY owner_maintenance ON user_invitations FOR ALL TO ${flyway:user} USING (true) WITH CHECK (true);

-- The one way to find an invitation without a tenant: the open invitation with that token hash, with what the
-- sign-up form shows and what accepting it needs. Expired, accepted and revoked invitations are not returned, so
-- the caller cannot tell them apart.
CREATE FUNCTION open_invitation(p_token_hash bytea)
    RETURNS TABLE (tenant_id uuid, tenant_name text, invitation_id uuid, email text, display_name text, role text,
                   expires_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    SELECT i.tenant_id, t.name, i.id, i.email, i.display_name, i.role, i.expires_at
    FROM user_invitations i JOIN tenants t ON t.id = i.tenant_id
    WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
    LIMIT 1;
$$;
REVOKE ALL ON FUNCTION open_invitation(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION open_invitation(bytea) TO ${app_role};
