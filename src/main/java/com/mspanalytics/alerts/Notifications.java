package com.mspanalytics.alerts;

import com.mspanalytics.tenant.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery log of the current tenant ({@code notifications}, RLS): each Slack alert and digest with its
 * outcome, and the counter {@code msp_notifications_total{channel,outcome}} that dashboards alert on.
 * Each write commits on its own, so the log survives whatever the caller's transaction does.
 */
@Repository
public class Notifications {

    private static final String COLUMNS =
            "id, channel, subject, period, result_id, items, status, attempts, error, created_at, updated_at";

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    Notifications(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** Records a finished delivery attempt. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Notification record(String channel, String subject, @Nullable String period, @Nullable UUID resultId,
            int items, int attempts, @Nullable String error) {
        String status = error == null ? "sent" : "failed";
        meters.counter("msp.notifications", "channel", channel, "outcome", status).increment();
        return jdbc.sql("INSERT INTO notifications (tenant_id, id, channel, subject, period, result_id, items, status, "
                        + "attempts, error) VALUES (:tenant, :id, :channel, :subject, :period, :result, :items, :status, "
                        + ":attempts, :error) RETURNING " + COLUMNS)
                .param("tenant", TenantContext.require().value()).param("id", UUID.randomUUID())
                .param("channel", channel).param("subject", subject).param("period", period).param("result", resultId)
                .param("items", items)
                .param("status", status).param("attempts", attempts).param("error", error)
                .query(Notifications::row).single();
    }

    /** The subject of the scheduled weekly digest, the one notification sent once per tenant and period. */
    public static final String WEEKLY_DIGEST = "weekly-digest";

    /**
     * Claims the scheduled digest of {@code period}: empty when it was sent, or is being sent, already (by this node
     * or another). Finish the claim with {@link #finish}.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<UUID> claimWeeklyDigest(String period) {
        return jdbc.sql("""
                INSERT INTO notifications (tenant_id, id, channel, subject, period, status)
                VALUES (:tenant, :id, 'email', 'weekly-digest', :period, 'sending')
                ON CONFLICT (tenant_id, subject, period)
                    WHERE channel = 'email' AND subject = 'weekly-digest' AND status <> 'failed' DO NOTHING
                RETURNING id""")
                .param("tenant", TenantContext.require().value()).param("id", UUID.randomUUID())
                .param("period", period)
                .query(UUID.class).optional();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Notification finish(UUID id, int items, int attempts, @Nullable String error) {
        String status = error == null ? "sent" : "failed";
        meters.counter("msp.notifications", "channel", "email", "outcome", status).increment();
        return jdbc.sql("""
                UPDATE notifications SET status = :status, items = :items, attempts = :attempts, error = :error,
                                         updated_at = now()
                WHERE id = :id RETURNING\s""" + COLUMNS)
                .param("status", status).param("items", items).param("attempts", attempts).param("error", error)
                .param("id", id).query(Notifications::row).single();
    }

    @Transactional(readOnly = true)
    public List<Notification> recent(@Nullable String channel, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications "
                        + "WHERE (CAST(:channel AS text) IS NULL OR channel = :channel) "
                        + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("channel", channel).param("limit", limit)
                .query(Notifications::row).list();
    }

    private static Notification row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Notification(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("subject"),
                rs.getString("period"), rs.getObject("result_id", UUID.class), rs.getInt("items"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("error"),
                rs.getObject("created_at", java.time.OffsetDateTime.class),
                rs.getObject("updated_at", java.time.OffsetDateTime.class));
    }
}
