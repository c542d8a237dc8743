package com.mspanalytics.secrets;

import com.mspanalytics.tenant.TenantId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sealed credentials as the application role sees them: row-level security limits every statement
 * to the tenant bound when the transaction began, which is why each method is transactional.
 */
@Repository
class CredentialRepository {

    private final JdbcClient jdbc;

    CredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void save(TenantId tenant, String connector, SealedCredentials sealed, String secretsSetAt) {
        jdbc.sql("""
                INSERT INTO connector_credentials (tenant_id, connector, ciphertext, nonce, key_id, updated_at, secrets_set_at)
                VALUES (:tenant, :connector, :ciphertext, :nonce, :keyId, now(), CAST(:secretsSetAt AS jsonb))
                ON CONFLICT (tenant_id, connector) DO UPDATE
                SET ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce, key_id = EXCLUDED.key_id,
                    updated_at = EXCLUDED.updated_at, secrets_set_at = EXCLUDED.secrets_set_at
                """)
                .param("tenant", tenant.value())
                .param("connector", connector)
                .param("ciphertext", sealed.ciphertext())
                .param("nonce", sealed.nonce())
                .param("keyId", sealed.keyId())
                .param("secretsSetAt", secretsSetAt)
                .update();
    }

    /** When each secret was set, as stored ({@code {"privateKey": "2026-12-01T09:30:00Z"}}), and when the row was. */
    @Transactional(readOnly = true)
    Optional<SetDates> setDates(TenantId tenant, String connector) {
        return jdbc.sql("""
                SELECT secrets_set_at::text AS secrets, updated_at FROM connector_credentials
                WHERE tenant_id = :tenant AND connector = :connector
                """)
                .param("tenant", tenant.value())
                .param("connector", connector)
                .query((rs, n) -> new SetDates(rs.getString("secrets"), rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    record SetDates(String secretsJson, java.time.Instant updatedAt) {
    }

    @Transactional(readOnly = true)
    Optional<SealedCredentials> find(TenantId tenant, String connector) {
        return jdbc.sql("""
                SELECT ciphertext, nonce, key_id FROM connector_credentials
                WHERE tenant_id = :tenant AND connector = :connector
                """)
                .param("tenant", tenant.value())
                .param("connector", connector)
                .query((rs, n) -> new SealedCredentials(rs.getBytes("ciphertext"), rs.getBytes("nonce"), rs.getInt("key_id")))
                .optional();
    }

    @Transactional
    boolean delete(TenantId tenant, String connector) {
        return jdbc.sql("DELETE FROM connector_credentials WHERE tenant_id = :tenant AND connector = :connector")
                .param("tenant", tenant.value())
                .param("connector", connector)
                .update() > 0;
    }
}
