package com.mspanalytics.dashboard;

import com.mspanalytics.auth.tv.TvScreen;
import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.settings.TenantSettingsService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds a TV screen's pages from the overview's and the KPI pages' records: it never computes a KPI. */
@Component
class TvPages {

    private final OverviewPages overview;
    private final KpiPages kpiPages;
    private final TenantSettingsService settings;
    private final Clock clock;

    TvPages(OverviewPages overview, KpiPages kpiPages, TenantSettingsService settings, Clock clock) {
        this.overview = overview;
        this.kpiPages = kpiPages;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param page the position in the rotation as the URL gives it; anything that is not one shows the first page,
     *     so that a screen never lands on an error
     */
    TvPage build(TvScreen screen, String page) {
        // a KPI that left the catalog since the link was made is skipped, not shown as an error
        List<String> rotation = screen.pages().stream()
                .filter(p -> p.equals(TvLinkForm.OVERVIEW) || KpiCatalog.find(p).isPresent()).toList();
        if (rotation.isEmpty()) {
            rotation = List.of(TvLinkForm.OVERVIEW);
        }
        // a screen shows what a signed-in user sees without a filter: the default range, every client
        PageFilter filter = PageFilter.parse(null, null, null, null,
                LocalDate.now(clock.withZone(ZoneId.of(settings.current().timeZone()))));
        int index = index(page, rotation.size());
        String shown = rotation.get(index);
        String next = "?page=" + (index + 1) % rotation.size();
        String position = rotation.size() == 1 ? "" : (index + 1) + " of " + rotation.size();
        if (shown.equals(TvLinkForm.OVERVIEW)) {
            return new TvPage(screen.name(), screen.rotateSeconds(), next, position, overview.build(filter), null);
        }
        return new TvPage(screen.name(), screen.rotateSeconds(), next, position, null,
                kpiPages.build(shown, filter, false).orElseThrow());
    }

    private static int index(String page, int size) {
        try {
            int index = Integer.parseInt(page);
            return index >= 0 && index < size ? index : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
