package com.mspanalytics.auth.tv;

import com.mspanalytics.tenant.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code tv_links}; every method but {@link #findOpen(byte[])} runs under the caller's tenant (RLS). */
@Repository
class TvLinkRepository {

    private final JdbcClient jdbc;

    TvLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new link's id */
    UUID insert(TenantId tenant, String name, List<String> pages, int rotateSeconds, byte[] tokenHash, UUID createdBy,
            Duration lifetime) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tv_links (tenant_id, id, name, pages, rotate_seconds, token_hash, created_by, expires_at)
                VALUES (:tenant, :id, :name, :pages, :rotate, :hash, :createdBy, now() + make_interval(secs => :seconds))
                """)
                .param("tenant", tenant.value()).param("id", id).param("name", name)
                .param("pages", pages.toArray(String[]::new)).param("rotate", rotateSeconds).param("hash", tokenHash)
                .param("createdBy", createdBy).param("seconds", lifetime.toSeconds()).update();
        return id;
    }

    /** Neither revoked nor expired, the newest first. */
    List<TvLink> findWorking() {
        return jdbc.sql("""
                SELECT l.id, l.name, l.pages, l.rotate_seconds, u.display_name AS created_by, l.created_at,
                       l.expires_at, l.last_used_at
                FROM tv_links l JOIN tenant_users u ON u.tenant_id = l.tenant_id AND u.id = l.created_by
                WHERE l.revoked_at IS NULL AND l.expires_at > now()
                ORDER BY l.created_at DESC, l.id
                """)
                .query((rs, n) -> new TvLink(rs.getObject("id", UUID.class), rs.getString("name"), pages(rs),
                        rs.getInt("rotate_seconds"), rs.getString("created_by"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
                        rs.getObject("last_used_at", OffsetDateTime.class)))
                .list();
    }

    /** @return false when the tenant has no such link still working */
    boolean revoke(UUID id) {
        return jdbc.sql("UPDATE tv_links SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL AND expires_at > now()")
                .param("id", id).update() == 1;
    }

    /** Records a use; the condition keeps it to one write a minute when several screens share the link. */
    void touch(UUID id) {
        jdbc.sql("""
                UPDATE tv_links SET last_used_at = now()
                WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')
                """).param("id", id).update();
    }

    /** Cross-tenant, through the SECURITY DEFINER function of V23: the working link with that token hash. */
    Optional<OpenLink> findOpen(byte[] tokenHash) {
        return jdbc.sql("""
                SELECT *, coalesce(last_used_at > now() - interval '1 minute', false) AS used_recently
                FROM open_tv_link(:hash)
                """).param("hash", tokenHash)
                .query((rs, n) -> new OpenLink(new TvScreen(new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("link_id", UUID.class), rs.getString("name"), pages(rs),
                        rs.getInt("rotate_seconds")), rs.getBoolean("used_recently")))
                .optional();
    }

    /** @param usedRecently whether its use was recorded less than a minute ago (then it need not be again) */
    record OpenLink(TvScreen screen, boolean usedRecently) {
    }

    private static List<String> pages(ResultSet rs) throws SQLException {
        Array array = rs.getArray("pages");
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
