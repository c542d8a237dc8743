package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The choices of the settings form that creates a TV link, and checking what was sent against them. */
final class TvLinkForm {

    static final String OVERVIEW = "overview";
    static final List<Integer> LIFETIME_DAYS = List.of(7, 30, 90);
    static final List<Integer> ROTATE_SECONDS = List.of(15, 30, 60, 120);
    /** Every page a screen can show, in the order it rotates through them. */
    static final List<SettingsPage.PageChoice> PAGES = Stream.concat(
            Stream.of(new SettingsPage.PageChoice(OVERVIEW, "Overview")),
            KpiCatalog.ALL.stream().map(k -> new SettingsPage.PageChoice(k.slug(), k.numberText() + " " + k.title())))
            .toList();

    private TvLinkForm() {
    }

    /**
     * The chosen pages in rotation order, each once.
     *
     * @throws IllegalArgumentException when one is not a page or none is chosen
     */
    static List<String> pages(List<String> chosen) {
        chosen.stream().filter(name -> PAGES.stream().noneMatch(p -> p.name().equals(name))).findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("There is no page '" + name + "' to show on a screen.");
                });
        List<String> pages = PAGES.stream().map(SettingsPage.PageChoice::name).filter(chosen::contains).toList();
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one page for the screen to show.");
        }
        return pages;
    }

    /** @throws IllegalArgumentException when {@code days} is not one of the choices */
    static Duration lifetime(int days) {
        if (!LIFETIME_DAYS.contains(days)) {
            throw new IllegalArgumentException("A screen link works for 7, 30 or 90 days.");
        }
        return Duration.ofDays(days);
    }

    /** @throws IllegalArgumentException when {@code seconds} is not one of the choices */
    static int rotation(int seconds) {
        if (!ROTATE_SECONDS.contains(seconds)) {
            throw new IllegalArgumentException("A screen shows each page for 15, 30, 60 or 120 seconds.");
        }
        return seconds;
    }

    /** "Overview, 04 Time Consumption" for the admin's list. */
    static String titles(List<String> pages) {
        return String.join(", ", pages.stream().map(name -> PAGES.stream().filter(p -> p.name().equals(name))
                .map(SettingsPage.PageChoice::title).findFirst().orElse(name)).toList());
    }
}
