package com.mspanalytics.support;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.ApiKeyService;
import com.mspanalytics.auth.Permission;
import com.mspanalytics.tenant.TenantContext;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Fresh tenants with keys, created the way the seed command creates them. */
public final class TestTenants {

    private TestTenants() {
    }

    public static TenantSeeder.SeededTenant create(ApplicationContext context) {
        return context.getBean(TenantSeeder.class).seed("Test MSP " + UUID.randomUUID());
    }

    /** An extra key of {@code tenant} with only {@code permissions}. */
    public static String keyWith(ApplicationContext context, TenantSeeder.SeededTenant tenant,
            Permission... permissions) {
        return TenantContext.callAs(tenant.tenant(), () -> context.getBean(ApiKeyService.class)
                .issue("limited", Set.of(permissions)).secret());
    }
}
