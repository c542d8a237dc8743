package com.mspanalytics.auth.users;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An invitation that is neither accepted nor revoked, as the admin's list shows it.
 *
 * @param invitedBy the display name of the admin who sent it
 * @param expired whether its link no longer works (then it can only be revoked, or its e-mail invited again)
 */
public record Invitation(UUID id, String email, String displayName, Role role, String invitedBy,
        OffsetDateTime createdAt, OffsetDateTime expiresAt, boolean expired) {
}
