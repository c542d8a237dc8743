package com.mspanalytics.admin;

import com.mspanalytics.auth.ApiKeyService;
import com.mspanalytics.auth.Permission;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The seed's {@code seed.py}: a tenant (found or created by name) and a new all-permission API key.
 * Tenants are created with the owner's connection: the application role may not insert tenants,
 * so no request can ever create one.
 */
@Service
public class TenantSeeder {

    private final JdbcClient owner;
    private final ApiKeyService apiKeys;

    TenantSeeder(@Qualifier("ownerDataSource") DataSource ownerDataSource, ApiKeyService apiKeys) {
        this.owner = JdbcClient.create(ownerDataSource);
        this.apiKeys = apiKeys;
    }

    public SeededTenant seed(String tenantName) {
        String name = tenantName.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("The tenant name must have 1 to 200 characters");
        }
        TenantId tenant = new TenantId(owner.sql("""
                WITH inserted AS (
                    INSERT INTO tenants (id, name) VALUES (:id, :name) ON CONFLICT (name) DO NOTHING RETURNING id)
                SELECT id FROM inserted UNION ALL SELECT id FROM tenants WHERE name = :name
                """).param("id", UUID.randomUUID()).param("name", name).query(UUID.class).list().get(0));
        String key = TenantContext.callAs(tenant,
                () -> apiKeys.issue("seed " + java.time.LocalDate.now(), Permission.ALL).secret());
        return new SeededTenant(tenant, name, key);
    }

    /** The tenant of that name, if there is one. */
    public java.util.Optional<TenantId> existing(String tenantName) {
        return owner.sql("SELECT id FROM tenants WHERE name = :name").param("name", tenantName.strip())
                .query(UUID.class).optional().map(TenantId::new);
    }

    public record SeededTenant(TenantId tenant, String name, String apiKey) {
    }
}
