package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The admin's settings: the red/amber/green targets of every KPI's headline, and the tenant's users.
 *
 * @param problems what was wrong with the last submitted form, one line per field
 */
public record SettingsPage(List<Target> targets, List<User> users, @Nullable String flash, List<String> problems) {

    /**
     * One KPI's target, in the unit the tile shows (percent for shares).
     *
     * @param direction "lower is better" or "higher is better"; "" before the KPI's first result
     * @param custom whether the tenant set it (else it is the KPI's default)
     */
    public record Target(String slug, String title, String label, String unit, String direction, String green,
            String amber, boolean custom) {
    }

    public record User(String email, String displayName, String role) {
    }
}
