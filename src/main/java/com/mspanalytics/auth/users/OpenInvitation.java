package com.mspanalytics.auth.users;

import com.mspanalytics.tenant.TenantId;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An invitation whose link still works, found by its token before any tenant is bound. */
public record OpenInvitation(TenantId tenant, String tenantName, UUID id, String email, String displayName, Role role,
        OffsetDateTime expiresAt) {
}
