package com.mspanalytics.auth.users;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code tenant_users}, without its password hash. */
public record TenantUser(UUID id, String email, String displayName, Role role, OffsetDateTime createdAt,
        @Nullable OffsetDateTime passwordChangedAt) {
}
