package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The admin's settings: the red/amber/green targets of every KPI's headline, the connectors, the tenant's users,
 * the invitations not yet accepted and the TV links.
 *
 * @param problems what was wrong with the last submitted form, one line per field
 * @param invited the invitation just created, with its link: shown on this one response, never again
 */
public record SettingsPage(General general, List<Target> targets, List<Connector> connectors, List<User> users,
        List<PendingInvitation> invitations, @Nullable Invited invited, Tv tv, @Nullable String flash,
        List<String> problems) {

    /** The same page showing the TV link just created, once. */
    SettingsPage withTvCreated(TvCreated created) {
        return new SettingsPage(general, targets, connectors, users, invitations, invited,
                new Tv(tv.links(), tv.pages(), tv.lifetimeDays(), tv.rotateSeconds(), created), flash, problems);
    }

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

    /** Money, time zone and the digest's schedule, as the general form shows them. */
    public record General(String hourlyRate, String hourlyCost, String currency, String timeZone, String digestDay,
            int digestHour, boolean digestEnabled) {

        public List<String> days() {
            return java.util.Arrays.stream(java.time.DayOfWeek.values()).map(Enum::name).toList();
        }
    }

    /**
     * One connector's form. Secrets are write-only: their inputs are always empty, and a blank one keeps what is stored.
     *
     * @param state "set up on 2026-12-01" or "not set up"
     * @param result what the last "test connection" or save of this form said; null when it was another form
     */
    public record Connector(String name, String title, boolean configured, String state, List<Field> fields,
            boolean testable, @Nullable String result, List<String> problems) {
    }

    /**
     * @param value the stored value of a plain field; always "" for a secret
     * @param setOn "set on 2026-12-01" for a stored secret, "not set" otherwise; "" for plain fields
     */
    public record Field(String name, String inputId, String label, boolean secret, boolean required, String value,
            String setOn) {
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

    /**
     * The TV links that work, the choices of the form that creates one, and the link just created.
     *
     * @param created shown on the response that created it, never again
     */
    public record Tv(List<TvLinkRow> links, List<PageChoice> pages, List<Integer> lifetimeDays,
            List<Integer> rotateSeconds, @Nullable TvCreated created) {
    }

    /**
     * @param pages the rotation in words, "Overview, 04 Time Consumption"
     * @param expires when the link stops working, in the tenant's time zone
     * @param lastUsed when a screen last showed a page with it (to the minute), or "never"
     */
    public record TvLinkRow(String id, String name, String pages, int rotateSeconds, String createdBy, String expires,
            String lastUsed) {
    }

    /** @param name "overview" or a KPI's slug */
    public record PageChoice(String name, String title) {
    }

    /** @param link the screen's link to open on the TV; anyone with it sees the chosen pages */
    public record TvCreated(String name, String link) {
    }
}
