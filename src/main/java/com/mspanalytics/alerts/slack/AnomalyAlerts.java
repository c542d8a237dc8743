package com.mspanalytics.alerts.slack;

import com.mspanalytics.alerts.AlertsProperties;
import com.mspanalytics.alerts.Notification;
import com.mspanalytics.alerts.Notifications;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.secrets.FieldKind;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed Phase 1: when a KPI run records anomalies never seen before, the tenant's Slack channel hears about them
 * in one message per run. Delivery happens after the run commits, on worker threads, so Slack's rate limits and
 * outages never slow down or fail a KPI run; the outcome goes to the {@link Notifications} log and metrics.
 *
 * <p>Never the same anomaly twice: a delivery claims the KPI's open anomalies no alert has carried yet
 * ({@code anomalies.alerted_at}); a failed delivery gives them back, so the next run's alert carries them.
 * A tenant without a {@code slack} connector gets no alerts and keeps its anomalies unannounced.
 */
@Component
public class AnomalyAlerts {

    private static final Logger log = LoggerFactory.getLogger(AnomalyAlerts.class);

    private final KpiService kpis;
    private final CredentialVault vault;
    private final SlackWebhookClient slack;
    private final Notifications notifications;
    private final AlertsProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();

    AnomalyAlerts(KpiService kpis, CredentialVault vault, SlackWebhookClient slack, Notifications notifications,
            AlertsProperties properties, JdbcClient jdbc, TransactionTemplate transaction) {
        this.kpis = kpis;
        this.vault = vault;
        this.slack = slack;
        this.notifications = notifications;
        this.properties = properties;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        workers.setCorePoolSize(properties.workers());
        workers.setThreadNamePrefix("slack-alerts-");
        workers.setWaitForTasksToCompleteOnShutdown(true);
        workers.setAwaitTerminationSeconds(30);
        workers.initialize();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(KpiService.AnomaliesFound found) {
        workers.execute(() -> {
            try {
                deliver(found.tenant(), found.result().kpi(), found.result().id());
            } catch (RuntimeException e) {
                log.error("Slack alert for tenant {} ({} result {}) failed", found.tenant(), found.result().kpi(),
                        found.result().id(), e);
            }
        });
    }

    /**
     * Announces the KPI's unannounced anomalies now, on the calling thread.
     *
     * @return what was recorded; empty when there was nothing to announce or no Slack webhook is configured
     */
    public Optional<Notification> deliver(TenantId tenant, String kpi, UUID resultId) {
        return TenantContext.callAs(tenant, () -> {
            Optional<Map<String, String>> settings = vault.find(tenant, "slack");
            if (settings.isEmpty()) {
                return Optional.empty();
            }
            List<AnomalyView> claimed = kpis.claimUnalerted(kpi);
            if (claimed.isEmpty()) {
                return Optional.empty();
            }
            int attempts = 0;
            String error = null;
            try {
                URI webhook = ConnectorFields.SLACK.value(settings.get(), "webhookUrl", FieldKind.URL).orElseThrow();
                Map<String, Object> payload = message(kpi, resultId, claimed).payload();
                attempts = slack.post(tenant, webhook, payload);
                log.info("Slack alert for tenant {}: {} new {} anomalies (result {}, {} attempts)", tenant,
                        claimed.size(), kpi, resultId, attempts);
            } catch (SlackWebhookClient.Failed e) {
                attempts = e.attempts();
                error = e.getMessage();
            } catch (OutboundUrlRejected e) {
                error = e.getMessage();
            } catch (FieldKind.InvalidValue e) {
                error = "the slack webhookUrl " + e.getMessage() + "; fix it with PUT /settings/connectors/slack";
            } catch (RuntimeException e) {
                // Whatever failed, the claimed anomalies go back to be announced by the next run.
                log.error("Slack alert for tenant {} ({} result {}) could not be built", tenant, kpi, resultId, e);
                error = "the alert could not be built (" + e.getClass().getSimpleName() + ")";
            }
            if (error != null) {
                kpis.unclaim(claimed);
                log.warn("Slack alert for tenant {} ({} {} anomalies, result {}) not delivered: {}", tenant,
                        claimed.size(), kpi, resultId, error);
            }
            return Optional.of(notifications.record("slack", kpi, null, resultId, claimed.size(), attempts, error));
        });
    }

    private AnomalyMessage message(String kpi, UUID resultId, List<AnomalyView> anomalies) {
        return readOnly.execute(status -> {
            String tenantName = jdbc.sql("SELECT name FROM tenants").query(String.class).single();
            Long[] ids = anomalies.stream()
                    .flatMap(a -> a.details() instanceof SeriesAnomaly s ? s.exampleTicketIds().stream() : Stream.empty())
                    .distinct().toArray(Long[]::new);
            Map<Long, String> examples = new HashMap<>();
            jdbc.sql("SELECT id, summary FROM cw_tickets WHERE id = ANY(:ids)").param("ids", ids)
                    .query((rs, n) -> examples.put(rs.getLong("id"), rs.getString("summary"))).list();
            return new AnomalyMessage(tenantName, kpi, resultId, anomalies, examples,
                    properties.link("/kpi/" + kpi + "/results"), properties.maxAnomaliesPerAlert());
        });
    }

    /** Waits until queued deliveries are done (the demo prints what Slack received). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (workers.getActiveCount() > 0 || workers.getQueueSize() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}
