-- The people who sign in to the dashboard, apart from API keys: an e-mail, a display name, a role and a password
-- hash (Spring Security's DelegatingPasswordEncoder format, "{argon2}..." or "{bcrypt}..."). A user invited but not
-- yet signed up has no hash and cannot sign in.
CREATE TABLE tenant_users (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                  uuid        NOT NULL,
    email               text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
    display_name        text        NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
    role                text        NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
    password_hash       text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- One account per e-mail within a tenant. Sign-in looks e-mails up before the tenant is known, by the plain index.
CREATE UNIQUE INDEX tenant_users_one_per_email ON tenant_users (tenant_id, lower(email));
CREATE INDEX tenant_users_by_email ON tenant_users (lower(email));
SELECT apply_tenancy('tenant_users');
-- sign_in_candidates must see every tenant's users (V1 explains owner_maintenance).
CREATE POLICY owner_maintenance ON tenant_users FOR ALL TO ${flyway:user} USING (true) WITH CHECK (true);

-- The one way to find a user without a tenant: the accounts with that e-mail that can sign in, with what checking
-- the password and starting the session need. The same e-mail may exist in several tenants; sign-in tries each hash.
CREATE FUNCTION sign_in_candidates(p_email text)
    RETURNS TABLE (tenant_id uuid, user_id uuid, email text, display_name text, role text, password_hash text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    SELECT u.tenant_id, u.id, u.email, u.display_name, u.role, u.password_hash FROM tenant_users u
    WHERE lower(u.email) = lower(p_email) AND u.password_hash IS NOT NULL
    ORDER BY u.created_at, u.tenant_id
    LIMIT 10;
$$;
REVOKE ALL ON FUNCTION sign_in_candidates(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sign_in_candidates(text) TO ${app_role};

-- Failed sign-ins per account and per client address, for the growing delay after five failures. Not tenant data:
-- the subject is a SHA-256 of "email:..." or "ip:...", so the table holds no e-mail address or IP in clear.
CREATE TABLE sign_in_failures (
    subject         text        PRIMARY KEY,
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL
);
