package com.mspanalytics.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * The sign-up form behind an invitation link.
 *
 * @param action where the form posts: the link itself
 * @param problem what was wrong with the password just submitted
 */
public record InvitePage(String action, String tenantName, String email, String displayName, String role,
        @Nullable String problem) {
}
