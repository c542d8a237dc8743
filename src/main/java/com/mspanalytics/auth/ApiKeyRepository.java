package com.mspanalytics.auth;

import com.mspanalytics.tenant.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code api_keys}; every method but {@link #authenticate} runs under the caller's tenant (RLS). */
@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, ApiKeyView key, byte[] hash) {
        jdbc.sql("""
                INSERT INTO api_keys (tenant_id, id, name, key_hash, display_prefix, permissions, created_at)
                VALUES (:tenant, :id, :name, :hash, :prefix, :permissions::text[], :createdAt)
                """)
                .param("tenant", tenant.value())
                .param("id", key.id())
                .param("name", key.name())
                .param("hash", hash)
                .param("prefix", key.displayPrefix())
                .param("permissions", toArrayLiteral(key.permissions()))
                .param("createdAt", key.createdAt())
                .update();
    }

    List<ApiKeyView> findAll() {
        return jdbc.sql("""
                SELECT id, name, display_prefix, permissions, created_at, last_used_at, revoked_at
                FROM api_keys ORDER BY created_at DESC, id
                """).query(ApiKeyRepository::view).list();
    }

    Optional<ApiKeyView> findById(UUID id) {
        return jdbc.sql("""
                SELECT id, name, display_prefix, permissions, created_at, last_used_at, revoked_at
                FROM api_keys WHERE id = :id
                """).param("id", id).query(ApiKeyRepository::view).optional();
    }

    /** @return whether a key that was still active got revoked now */
    boolean revoke(UUID id) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).update() == 1;
    }

    boolean isActive(UUID id) {
        return jdbc.sql("SELECT count(*) FROM api_keys WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).query(Long.class).single() == 1;
    }

    /** Cross-tenant lookup through the SECURITY DEFINER function of V3; the one query without a tenant. */
    Optional<AuthenticatedTenant> authenticate(byte[] hash) {
        return jdbc.sql("SELECT tenant_id, key_id, permissions FROM authenticate_api_key(:hash)")
                .param("hash", hash)
                .query((rs, n) -> new AuthenticatedTenant(new TenantId(rs.getObject("tenant_id", UUID.class)),
                        "api-key:" + rs.getObject("key_id", UUID.class), permissions(rs.getArray("permissions")),
                        rs.getObject("key_id", UUID.class)))
                .optional();
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("display_prefix"),
                permissions(rs.getArray("permissions")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class));
    }

    private static Set<Permission> permissions(Array array) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream((String[]) array.getArray()).map(Permission::fromWire).forEach(permissions::add);
        return permissions;
    }

    private static String toArrayLiteral(Set<Permission> permissions) {
        return permissions.stream().map(Permission::wireName).collect(Collectors.joining(",", "{", "}"));
    }
}
