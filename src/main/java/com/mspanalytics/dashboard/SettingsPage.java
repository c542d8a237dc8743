package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The admin's settings: the red/amber/green targets of every KPI's headline, the tenant's users and the invitations
 * not yet accepted.
 *
 * @param problems what was wrong with the last submitted form, one line per field
 * @param invited the invitation just created, with its link: shown on this one response, never again
 */
public record SettingsPage(List<Target> targets, List<User> users, List<PendingInvitation> invitations,
        @Nullable Invited invited, @Nullable String flash, List<String> problems) {

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

    /**
     * @param expires when the link stops working, in the tenant's time zone
     * @param expired whether it already has (the person needs a new invitation)
     */
    public record PendingInvitation(String id, String email, String displayName, String role, String invitedBy,
            String expires, boolean expired) {
    }

    /** @param link the one-time link to pass on to the person; the product does not e-mail it */
    public record Invited(String email, String link) {
    }
}
