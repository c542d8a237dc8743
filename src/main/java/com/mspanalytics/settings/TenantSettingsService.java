package com.mspanalytics.settings;

import com.mspanalytics.tenant.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's settings, stored as one JSON document and read back with defaults filled in. */
@Service
public class TenantSettingsService {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TenantSettingsService(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public TenantSettings current() {
        return jdbc.sql("SELECT settings::text FROM tenant_settings").query(String.class).optional()
                .map(stored -> json.readValue(stored, TenantSettings.class))
                .orElse(TenantSettings.DEFAULTS);
    }

    @Transactional
    public TenantSettings replace(TenantSettings settings) {
        jdbc.sql("""
                INSERT INTO tenant_settings (tenant_id, settings, updated_at) VALUES (:tenant, :settings::jsonb, now())
                ON CONFLICT (tenant_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()
                """)
                .param("tenant", TenantContext.require().value())
                .param("settings", json.writeValueAsString(settings))
                .update();
        return settings;
    }
}
