package com.mspanalytics.auth.users;

import com.mspanalytics.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code tenant_users}; every method but {@link #candidates} runs under the caller's tenant (RLS). */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, email, display_name, role, created_at, password_changed_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user, or for an e-mail the tenant already has, gives that user the role and the hash. */
    TenantUser upsert(TenantId tenant, String email, String displayName, Role role, String passwordHash) {
        return jdbc.sql("""
                INSERT INTO tenant_users AS u (tenant_id, id, email, display_name, role, password_hash, password_changed_at)
                VALUES (:tenant, :id, :email, :name, :role, :hash, now())
                ON CONFLICT (tenant_id, lower(email)) DO UPDATE
                    SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, password_changed_at = now()
                RETURNING %s
                """.formatted(COLUMNS))
                .param("tenant", tenant.value()).param("id", UUID.randomUUID()).param("email", email)
                .param("name", displayName).param("role", role.wireName()).param("hash", passwordHash)
                .query(UserRepository::user).single();
    }

    /**
     * Inserts a new user; unlike {@link #upsert}, an e-mail the tenant already has is left alone (an invitation
     * must never take over an existing account).
     *
     * @return empty when the tenant already has a user with that e-mail
     */
    Optional<TenantUser> insertNew(TenantId tenant, String email, String displayName, Role role, String passwordHash) {
        return jdbc.sql("""
                INSERT INTO tenant_users (tenant_id, id, email, display_name, role, password_hash, password_changed_at)
                VALUES (:tenant, :id, :email, :name, :role, :hash, now())
                ON CONFLICT (tenant_id, lower(email)) DO NOTHING
                RETURNING %s
                """.formatted(COLUMNS))
                .param("tenant", tenant.value()).param("id", UUID.randomUUID()).param("email", email)
                .param("name", displayName).param("role", role.wireName()).param("hash", passwordHash)
                .query(UserRepository::user).optional();
    }

    boolean existsByEmail(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenant_users WHERE lower(email) = lower(:email))")
                .param("email", email).query(Boolean.class).single();
    }

    Optional<TenantUser> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant_users WHERE id = :id").param("id", id)
                .query(UserRepository::user).optional();
    }

    List<TenantUser> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant_users ORDER BY lower(email)")
                .query(UserRepository::user).list();
    }

    Optional<String> passwordHash(UUID id) {
        return jdbc.sql("SELECT password_hash FROM tenant_users WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    void setPasswordHash(UUID id, String hash) {
        jdbc.sql("UPDATE tenant_users SET password_hash = :hash, password_changed_at = now() WHERE id = :id")
                .param("id", id).param("hash", hash).update();
    }

    /** Cross-tenant, through the SECURITY DEFINER function of V17: the accounts that can sign in with {@code email}. */
    List<Candidate> candidates(String email) {
        return jdbc.sql("SELECT * FROM sign_in_candidates(:email)")
                .param("email", email)
                .query((rs, n) -> new Candidate(new SignedInUser(new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                        Role.fromWire(rs.getString("role"))), rs.getString("password_hash")))
                .list();
    }

    record Candidate(SignedInUser user, String passwordHash) {
    }

    private static TenantUser user(ResultSet rs, int row) throws SQLException {
        return new TenantUser(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                Role.fromWire(rs.getString("role")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("password_changed_at", OffsetDateTime.class));
    }
}
