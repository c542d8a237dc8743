package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.auth.tv.TvLinks;
import com.mspanalytics.auth.users.Invitations;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.settings.ConnectorSettings;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The settings page, and saving its forms (targets, each connector): all or nothing, each problem named. */
@Component
class SettingsPages {

    /** How the page names each connector, in the order it lists them. */
    static final Map<ConnectorFields, String> TITLES = titles();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final ConnectorSettings connectors;
    private final Users users;
    private final Invitations invitations;
    private final TvLinks tvLinks;

    SettingsPages(KpiService kpis, TenantSettingsService settings, ConnectorSettings connectors, Users users,
            Invitations invitations, TvLinks tvLinks) {
        this.kpis = kpis;
        this.settings = settings;
        this.connectors = connectors;
        this.users = users;
        this.invitations = invitations;
        this.tvLinks = tvLinks;
    }

    /**
     * What became of the last connector form sent: saved, tested or refused.
     *
     * @param form what was typed, shown again in the plain fields when it was not saved
     */
    record ConnectorOutcome(String connector, @Nullable String result, List<String> problems, Map<String, String> form) {
    }

    SettingsPage build(@Nullable String flash, List<String> problems) {
        return build(flash, problems, null, null);
    }

    @Transactional(readOnly = true)
    SettingsPage build(@Nullable String flash, List<String> problems, @Nullable ConnectorOutcome outcome,
            SettingsPage.@Nullable Invited invited) {
        TenantSettings tenant = settings.current();
        List<SettingsPage.Target> targets = KpiCatalog.ALL.stream().map(entry -> {
            TenantSettings.KpiTarget target = kpis.target(entry.slug());
            Optional<Headline> headline = kpis.latestStandard(entry.slug()).map(KpiResult::headline);
            Headline.Unit unit = headline.map(Headline::unit).orElse(Headline.Unit.COUNT);
            return new SettingsPage.Target(entry.slug(), entry.title(), headline.map(Headline::label).orElse(""),
                    unitText(unit, tenant.currency()), headline.map(h -> h.better() == Headline.Better.LOWER
                            ? "lower is better" : "higher is better").orElse(""),
                    shown(target.green(), unit), shown(target.amber(), unit),
                    tenant.kpiTargets().containsKey(entry.slug()));
        }).toList();
        List<SettingsPage.User> people = users.list().stream()
                .map(u -> new SettingsPage.User(u.email(), u.displayName(), u.role().wireName())).toList();
        ZoneId zone = ZoneId.of(tenant.timeZone());
        List<SettingsPage.PendingInvitation> pending = invitations.pending().stream()
                .map(i -> new SettingsPage.PendingInvitation(i.id().toString(), i.email(), i.displayName(),
                        i.role().wireName(), i.invitedBy(),
                        minute(i.expiresAt(), zone), i.expired()))
                .toList();
        List<SettingsPage.Connector> forms = TITLES.entrySet().stream()
                .map(c -> connectorForm(c.getKey(), c.getValue(), outcome != null
                        && outcome.connector().equals(c.getKey().connectorName()) ? outcome : null))
                .toList();
        List<SettingsPage.TvLinkRow> screens = tvLinks.working().stream()
                .map(l -> new SettingsPage.TvLinkRow(l.id().toString(), l.name(), TvLinkForm.titles(l.pages()),
                        l.rotateSeconds(), l.createdBy(), minute(l.expiresAt(), zone),
                        l.lastUsedAt() == null ? "never" : minute(l.lastUsedAt(), zone)))
                .toList();
        SettingsPage.Tv tv = new SettingsPage.Tv(screens, TvLinkForm.PAGES, TvLinkForm.LIFETIME_DAYS,
                TvLinkForm.ROTATE_SECONDS, null);
        SettingsPage.General general = new SettingsPage.General(tenant.hourlyRate().toPlainString(),
                tenant.hourlyCost().toPlainString(), tenant.currency(), tenant.timeZone(), tenant.digest().dayOfWeek().name(),
                tenant.digest().hour(), tenant.digest().enabled());
        return new SettingsPage(general, targets, forms, people, pending, invited, tv, flash, problems);
    }

    private static String minute(OffsetDateTime time, ZoneId zone) {
        return MINUTE.format(time.atZoneSameInstant(zone)) + " (" + zone.getId() + ")";
    }

    /** Saves a connector's form, a blank secret keeping the stored one. */
    @Transactional
    ConnectorOutcome saveConnector(ConnectorFields connector, Map<String, String> form) {
        Map<String, String> fields = connectors.keepingStoredSecrets(connector, form);
        List<String> problems = connectors.save(connector, fields).stream()
                .map(p -> label(p.field()) + ": " + p.message()).toList();
        return new ConnectorOutcome(connector.connectorName(), problems.isEmpty() ? TITLES.get(connector) + " saved." : null,
                problems, form);
    }

    /** Tests the form's settings as typed (blank secrets: the stored ones) without saving them. */
    ConnectorOutcome testConnector(ConnectorFields connector, Map<String, String> form) {
        return new ConnectorOutcome(connector.connectorName(),
                connectors.test(connector, connectors.keepingStoredSecrets(connector, form)), List.of(), form);
    }

    private SettingsPage.Connector connectorForm(ConnectorFields connector, String title,
            @Nullable ConnectorOutcome outcome) {
        Optional<ConnectorSettings.Stored> stored = connectors.stored(connector);
        List<SettingsPage.Field> fields = connector.fields().stream().map(f -> {
            String value = f.secret() ? "" : outcome != null && !outcome.problems().isEmpty()
                    ? outcome.form().getOrDefault(f.name(), "")
                    : stored.map(s -> s.values().getOrDefault(f.name(), "")).orElse("");
            Instant setOn = stored.map(s -> s.secretsSetOn().get(f.name())).orElse(null);
            String setText = !f.secret() ? "" : setOn == null ? "not set" : "set on " + day(setOn);
            return new SettingsPage.Field(f.name(), connector.connectorName() + "-" + f.name(), label(f.name()),
                    f.secret(), f.required(), value, setText);
        }).toList();
        String state = stored.isPresent() ? "set up" : "not set up";
        return new SettingsPage.Connector(connector.connectorName(), title, stored.isPresent(), state, fields,
                connectors.testable(connector), outcome == null ? null : outcome.result(),
                outcome == null ? List.of() : outcome.problems());
    }

    private String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneId.of(settings.current().timeZone())).toString();
    }

    /** "baseUrl" → "Base URL", "monthlyTokenBudget" → "Monthly token budget". */
    static String label(String field) {
        String words = field.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\burl\\b", "URL").replaceAll("\\bid\\b", "ID").replaceAll("\\bapi\\b", "API")
                .replaceAll("\\btls\\b", "TLS");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Map<ConnectorFields, String> titles() {
        Map<ConnectorFields, String> titles = new LinkedHashMap<>();
        titles.put(ConnectorFields.CONNECTWISE, "ConnectWise PSA");
        titles.put(ConnectorFields.SMILEBACK, "SmileBack");
        titles.put(ConnectorFields.SENTINELONE, "SentinelOne");
        titles.put(ConnectorFields.DEFENDER, "Microsoft Defender (Graph security API)");
        titles.put(ConnectorFields.SLACK, "Slack alerts");
        titles.put(ConnectorFields.SMTP, "E-mail (SMTP) for digests");
        titles.put(ConnectorFields.ANTHROPIC, "Anthropic Claude (AI briefs)");
        return titles;
    }

    /**
     * Saves every KPI's target from the form ({@code green.<slug>}, {@code amber.<slug>} in the tile's unit).
     *
     * @return the problems, one per field; nothing is saved unless there are none
     */
    @Transactional
    List<String> saveTargets(Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        Map<String, TenantSettings.KpiTarget> targets = new LinkedHashMap<>();
        for (KpiCatalog.Entry entry : KpiCatalog.ALL) {
            Optional<Headline> headline = kpis.latestStandard(entry.slug()).map(KpiResult::headline);
            Headline.Unit unit = headline.map(Headline::unit).orElse(Headline.Unit.COUNT);
            BigDecimal green = parse(form.get("green." + entry.slug()), unit, entry.title() + " green", problems);
            BigDecimal amber = parse(form.get("amber." + entry.slug()), unit, entry.title() + " amber", problems);
            if (green == null || amber == null) {
                continue;
            }
            boolean lower = headline.map(h -> h.better() == Headline.Better.LOWER).orElse(true);
            if (headline.isPresent() && (lower ? green.compareTo(amber) > 0 : green.compareTo(amber) < 0)) {
                problems.add(entry.title() + ": " + (lower ? "lower" : "higher") + " is better, so green must be "
                        + (lower ? "at most" : "at least") + " amber.");
                continue;
            }
            TenantSettings.KpiTarget target = new TenantSettings.KpiTarget(green, amber);
            TenantSettings.KpiTarget effective = kpis.target(entry.slug());
            boolean unchanged = green.compareTo(effective.green()) == 0 && amber.compareTo(effective.amber()) == 0;
            if (!unchanged || settings.current().kpiTargets().containsKey(entry.slug())) {
                targets.put(entry.slug(), target);
            }
        }
        if (problems.isEmpty()) {
            settings.replace(settings.current().withKpiTargets(targets));
        }
        return problems;
    }

    private static @Nullable BigDecimal parse(@Nullable String text, Headline.Unit unit, String field,
            List<String> problems) {
        try {
            BigDecimal value = new BigDecimal(text == null ? "" : text.strip().replace(",", ""));
            if (value.signum() < 0 || value.compareTo(new BigDecimal("1000000000")) > 0
                    || (unit == Headline.Unit.SHARE && value.compareTo(BigDecimal.valueOf(100)) > 0)) {
                problems.add(field + ": must be between 0 and " + (unit == Headline.Unit.SHARE ? "100" : "1,000,000,000")
                        + ".");
                return null;
            }
            return unit == Headline.Unit.SHARE ? value.movePointLeft(2) : value;
        } catch (NumberFormatException e) {
            problems.add(field + ": '" + text + "' is not a number.");
            return null;
        }
    }

    private static String shown(BigDecimal value, Headline.Unit unit) {
        return (unit == Headline.Unit.SHARE ? value.movePointRight(2) : value).stripTrailingZeros().toPlainString();
    }

    private static String unitText(Headline.Unit unit, String currency) {
        return switch (unit) {
            case COUNT -> "";
            case HOURS -> "h";
            case MONEY -> currency;
            case SHARE -> "%";
        };
    }
}
