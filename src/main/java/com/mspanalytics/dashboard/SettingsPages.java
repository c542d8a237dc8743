package com.mspanalytics.dashboard;

import com.mspanalytics.auth.users.Invitations;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import java.math.BigDecimal;
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

/** The settings page, and saving its targets form: all or nothing, each problem named. */
@Component
class SettingsPages {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final Users users;
    private final Invitations invitations;

    SettingsPages(KpiService kpis, TenantSettingsService settings, Users users, Invitations invitations) {
        this.kpis = kpis;
        this.settings = settings;
        this.users = users;
        this.invitations = invitations;
    }

    @Transactional(readOnly = true)
    SettingsPage build(@Nullable String flash, List<String> problems) {
        return build(flash, problems, null);
    }

    @Transactional(readOnly = true)
    SettingsPage build(@Nullable String flash, List<String> problems, SettingsPage.@Nullable Invited invited) {
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
                        EXPIRY.format(i.expiresAt().atZoneSameInstant(zone)) + " (" + zone.getId() + ")", i.expired()))
                .toList();
        return new SettingsPage(targets, people, pending, invited, flash, problems);
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
