package com.mspanalytics.auth;

import com.mspanalytics.tenant.TenantId;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: the tenant and permissions of a verified credential.
 *
 * @param apiKeyId the API key used, directly or as the origin of a token; null for tokens minted elsewhere
 */
public record AuthenticatedTenant(TenantId tenant, String subject, Set<Permission> permissions,
        @Nullable UUID apiKeyId) implements TenantCaller {
}
