package com.mspanalytics.auth;

import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issuing, listing, revoking and verifying API keys. */
@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final ApiKeyHasher hasher;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, ApiKeyHasher hasher, Clock clock) {
        this.keys = keys;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A new key for the current tenant; the returned secret is never stored and cannot be shown again. */
    @Transactional
    public IssuedApiKey issue(String name, Set<Permission> permissions) {
        TenantId tenant = TenantContext.require();
        String secret = ApiKeyFormat.generate();
        ApiKeyView view = new ApiKeyView(UUID.randomUUID(), name.strip(), ApiKeyFormat.displayPrefix(secret),
                EnumSet.copyOf(permissions), OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS), null, null);
        keys.insert(tenant, view, hasher.hash(secret));
        return new IssuedApiKey(view, secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyView> list() {
        return keys.findAll();
    }

    /** @return empty when the key does not exist for this tenant (another tenant's id looks the same) */
    @Transactional
    public Optional<ApiKeyView> revoke(UUID id) {
        keys.revoke(id);
        return keys.findById(id);
    }

    @Transactional(readOnly = true)
    boolean isActive(UUID id) {
        return keys.isActive(id);
    }

    /** Malformed keys are refused here, before any database work. */
    @Transactional
    Optional<AuthenticatedTenant> authenticate(String presented) {
        if (!ApiKeyFormat.isWellFormed(presented)) {
            return Optional.empty();
        }
        return keys.authenticate(hasher.hash(presented));
    }

    /** The one moment a key's secret exists outside the caller's hands. */
    public record IssuedApiKey(ApiKeyView key, String secret) {
    }
}
