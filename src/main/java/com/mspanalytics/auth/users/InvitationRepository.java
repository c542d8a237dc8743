package com.mspanalytics.auth.users;

import com.mspanalytics.tenant.TenantId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code user_invitations}; every method but {@link #findOpen(byte[])} runs under the caller's tenant (RLS). */
@Repository
class InvitationRepository {

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new invitation's id */
    UUID insert(TenantId tenant, String email, String displayName, Role role, byte[] tokenHash, UUID invitedBy,
            Duration lifetime) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO user_invitations (tenant_id, id, email, display_name, role, token_hash, invited_by, expires_at)
                VALUES (:tenant, :id, :email, :name, :role, :hash, :invitedBy, now() + make_interval(secs => :seconds))
                """)
                .param("tenant", tenant.value()).param("id", id).param("email", email).param("name", displayName)
                .param("role", role.wireName()).param("hash", tokenHash).param("invitedBy", invitedBy)
                .param("seconds", lifetime.toSeconds()).update();
        return id;
    }

    /** Whether the e-mail has an invitation that is neither accepted, revoked nor expired. */
    boolean hasOpen(String email) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM user_invitations WHERE lower(email) = lower(:email)
                               AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now())
                """).param("email", email).query(Boolean.class).single();
    }

    /** Makes room for a new invitation to the e-mail: its expired, never used one is of no use to anyone. */
    void deleteExpired(String email) {
        jdbc.sql("""
                DELETE FROM user_invitations WHERE lower(email) = lower(:email)
                    AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= now()
                """).param("email", email).update();
    }

    /** Neither accepted nor revoked, expired or not, the newest first. */
    List<Invitation> findPending() {
        return jdbc.sql("""
                SELECT i.id, i.email, i.display_name, i.role, u.display_name AS invited_by, i.created_at, i.expires_at,
                       i.expires_at <= now() AS expired
                FROM user_invitations i JOIN tenant_users u ON u.tenant_id = i.tenant_id AND u.id = i.invited_by
                WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL
                ORDER BY i.created_at DESC, i.id
                """)
                .query((rs, n) -> new Invitation(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("display_name"), Role.fromWire(rs.getString("role")), rs.getString("invited_by"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
                        rs.getBoolean("expired")))
                .list();
    }

    /** @return false when the tenant has no such invitation still pending */
    boolean revoke(UUID id) {
        return jdbc.sql("""
                UPDATE user_invitations SET revoked_at = now()
                WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL
                """).param("id", id).update() == 1;
    }

    /**
     * Marks the invitation accepted if its link still works. The row lock makes a second, concurrent accept wait
     * and then find it accepted.
     *
     * @return false when it was accepted, revoked or expired in the meantime
     */
    boolean accept(UUID id) {
        return jdbc.sql("""
                UPDATE user_invitations SET accepted_at = now()
                WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                """).param("id", id).update() == 1;
    }

    /** Cross-tenant, through the SECURITY DEFINER function of V20: the open invitation with that token hash. */
    Optional<OpenInvitation> findOpen(byte[] tokenHash) {
        return jdbc.sql("SELECT * FROM open_invitation(:hash)").param("hash", tokenHash)
                .query((rs, n) -> new OpenInvitation(new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getString("tenant_name"), rs.getObject("invitation_id", UUID.class), rs.getString("email"),
                        rs.getString("display_name"), Role.fromWire(rs.getString("role")),
                        rs.getObject("expires_at", OffsetDateTime.class)))
                .optional();
    }
}
