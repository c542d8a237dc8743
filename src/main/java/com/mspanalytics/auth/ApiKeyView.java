package com.mspanalytics.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API key as listed: never the key itself, only the prefix that tells keys apart. */
@Schema(name = "ApiKey")
public record ApiKeyView(UUID id, String name, String displayPrefix, Set<Permission> permissions,
        OffsetDateTime createdAt, @Nullable OffsetDateTime lastUsedAt, @Nullable OffsetDateTime revokedAt) {
}
