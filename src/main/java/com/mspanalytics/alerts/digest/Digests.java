package com.mspanalytics.alerts.digest;

import com.mspanalytics.alerts.Notification;
import com.mspanalytics.alerts.Notifications;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Weekly manager digests (seed Phase 2): built from the KPIs of the last complete week, rendered as HTML and
 * text, and mailed through the tenant's SMTP server on the tenant's day and hour ({@code digest} settings, in
 * its time zone). Each week's digest goes out once, whichever node's job finds it due first; a failed attempt
 * is logged in {@link Notifications} and retried by the next check, until {@code msp.digest.send-until}
 * after its hour.
 */
@Service
public class Digests {

    static final String SCHEDULED = Notifications.WEEKLY_DIGEST;
    static final String MANUAL = "digest-manual";
    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    private final WeeklyDigests digests;
    private final DigestRenderer renderer;
    private final DigestMailer mailer;
    private final Notifications notifications;
    private final CredentialVault vault;
    private final TenantSettingsService settings;
    private final DigestProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    Digests(WeeklyDigests digests, DigestRenderer renderer, DigestMailer mailer, Notifications notifications,
            CredentialVault vault, TenantSettingsService settings, DigestProperties properties, JdbcClient jdbc,
            Clock clock) {
        this.digests = digests;
        this.renderer = renderer;
        this.mailer = mailer;
        this.notifications = notifications;
        this.vault = vault;
        this.settings = settings;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The current tenant's digest of the last complete week before today, in both its parts, as it would be mailed. */
    public Preview preview() {
        DigestRenderer.Rendered rendered = renderer.standalone(digests.build(DigestWeek.before(today())));
        return new Preview(rendered.subject(), rendered.html(), rendered.text(),
                vault.find(TenantContext.require(), "smtp").map(smtp -> smtp.get("to")).orElse(null));
    }

    /**
     * @param html with its charts embedded, for a browser
     * @param recipients the SMTP settings' {@code to}; null when no SMTP server is set up
     */
    public record Preview(String subject, String html, String text, @Nullable String recipients) {
    }

    /** Sends the current tenant's digest of the last complete week now, whatever the schedule says. */
    public Notification sendNow() {
        Map<String, String> smtp = vault.find(TenantContext.require(), "smtp").orElseThrow(SmtpNotConfigured::new);
        return deliver(DigestWeek.before(today()), smtp, null);
    }

    /** The job: every tenant whose digest is due at {@code now} gets it. @return digests attempted */
    public int sendDue(Instant now) {
        int attempted = 0;
        for (UUID id : jdbc.sql("SELECT all_tenant_ids()").query(UUID.class).list()) {
            TenantId tenant = new TenantId(id);
            try {
                attempted += TenantContext.callAs(tenant, () -> sendIfDue(now).isPresent() ? 1 : 0);
            } catch (RuntimeException e) {
                log.error("Weekly digest of tenant {} failed", tenant, e);
            }
        }
        return attempted;
    }

    /** The current tenant's digest, if its hour has come (and not passed by more than send-until) and it is not sent. */
    public Optional<Notification> sendIfDue(Instant now) {
        TenantSettings tenant = settings.current();
        if (!tenant.digest().enabled()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(ZoneId.of(tenant.timeZone()));
        ZonedDateTime slot = local.with(TemporalAdjusters.previousOrSame(tenant.digest().dayOfWeek()))
                .withHour(tenant.digest().hour()).withMinute(0).withSecond(0).withNano(0);
        if (slot.isAfter(local)) {
            slot = slot.minusWeeks(1);
        }
        if (Duration.between(slot, local).compareTo(properties.sendUntil()) > 0) {
            return Optional.empty();
        }
        // Decrypted only when a digest is due, not on every check of every tenant.
        Optional<Map<String, String>> smtp = vault.find(TenantContext.require(), "smtp");
        if (smtp.isEmpty()) {
            return Optional.empty();
        }
        DigestWeek week = DigestWeek.before(slot.toLocalDate());
        return notifications.claimWeeklyDigest(week.label())
                .map(claim -> deliver(week, smtp.get(), claim));
    }

    /** Builds, renders and mails; a scheduled delivery finishes its claim, a manual one is logged as sent now. */
    private Notification deliver(DigestWeek week, Map<String, String> smtp, @Nullable UUID claim) {
        int recipients = 0;
        String error = null;
        try {
            DigestRenderer.Rendered rendered = renderer.forMail(digests.build(week));
            recipients = mailer.send(smtp, rendered).size();
            log.info("Weekly digest {} of tenant {} sent to {} recipients", week.label(), TenantContext.require(),
                    recipients);
        } catch (DigestMailer.Failed | OutboundUrlRejected e) {
            log.warn("Weekly digest {} of tenant {} not sent: {}", week.label(), TenantContext.require(), e.getMessage());
            error = e.getMessage();
        } catch (RuntimeException e) {
            // The claim must not stay "sending", or the week would never be retried.
            log.error("Weekly digest {} of tenant {} could not be built", week.label(), TenantContext.require(), e);
            error = "the digest could not be built (" + e.getClass().getSimpleName() + ")";
        }
        // Outside the try: a mail that went out is never logged as a failure because logging it failed.
        return finish(claim, week, recipients, error);
    }

    private Notification finish(@Nullable UUID claim, DigestWeek week, int recipients, @Nullable String error) {
        return claim == null ? notifications.record("email", MANUAL, week.label(), null, recipients, 1, error)
                : notifications.finish(claim, recipients, 1, error);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of(settings.current().timeZone())));
    }

    /** 409: there is no SMTP server to send through. */
    public static final class SmtpNotConfigured extends RuntimeException {
        SmtpNotConfigured() {
            super("No SMTP server is configured for digests; set one with PUT /settings/connectors/smtp "
                    + "(host, port, username, password, from, to, startTls).");
        }
    }
}
