package com.mspanalytics.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The tenancy rules of the migrated schema (V1's header; docs/migrations.md), read from the catalog: the build fails
 * the day a migration adds a tenant table without a forced policy, a view that runs with its owner's rights, or a
 * key that does not start with {@code tenant_id} (the distribution column a move to Citus needs). Each catalog check
 * is one query over a schema, run on {@code public}, and on a throwaway schema of bad tables to show it finds them;
 * migrations after V15 are also read, so that new tables take their policy from {@code apply_tenancy}.
 */
@IntegrationTest
class TenancySchemaIntegrationTests {

    /** A tenant-owned table: one with a {@code tenant_id} column (or the tenants themselves). */
    private static final String TENANT_TABLE = """
            c.relkind IN ('r', 'p') AND (c.relname = 'tenants' OR EXISTS (
                SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
            """;

    private static final String WITHOUT_FORCED_POLICY = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = :schema
            WHERE\s""" + TENANT_TABLE + """
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                       AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            ORDER BY 1""";

    /** Only two kinds of policy exist: tenant isolation for everyone, and maintenance for the owner alone. */
    private static final String OTHER_POLICIES = """
            SELECT tablename || '.' || policyname FROM pg_policies
            WHERE schemaname = :schema
              AND NOT (policyname = 'tenant_isolation' AND roles = '{public}' AND qual LIKE '%current_tenant_id()%')
              AND NOT (policyname = 'owner_maintenance' AND roles = ARRAY[current_user]::name[])
            ORDER BY 1""";

    /**
     * Primary keys, unique constraints and unique indexes (all three are unique indexes; an expression first is no
     * {@code tenant_id} first) and foreign keys ({@code tenant_id REFERENCES tenants (id)} starts with it).
     */
    private static final String KEYS_NOT_LED_BY_TENANT_ID = """
            SELECT c.relname || '.' || i.relname || CASE
                       WHEN x.indisprimary THEN ' (primary key)'
                       WHEN EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u')
                           THEN ' (unique constraint)'
                       ELSE ' (unique index)' END
            FROM pg_index x
            JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = :schema
            WHERE x.indisunique AND c.relname <> 'tenants' AND\s""" + TENANT_TABLE + """
              AND x.indkey[0] IS DISTINCT FROM (SELECT a.attnum FROM pg_attribute a
                                               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
            UNION ALL
            SELECT c.relname || '.' || k.conname || ' (foreign key)'
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = :schema
            WHERE k.contype = 'f' AND c.relname <> 'tenants' AND\s""" + TENANT_TABLE + """
              AND k.conkey[1] IS DISTINCT FROM (SELECT a.attnum FROM pg_attribute a
                                               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
            ORDER BY 1""";

    /** A view runs with its owner's rights, and so past RLS, unless it is {@code security_invoker}. */
    private static final String DEFINER_VIEWS = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = :schema
            WHERE c.relkind = 'v' AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
            ORDER BY 1""";

    /** What {@code apply_tenancy} does, written by hand: only the migrations before it (up to V15) may hold this. */
    private static final Pattern HAND_WRITTEN_TENANCY = Pattern.compile(
            "ROW\\s+LEVEL\\s+SECURITY|CREATE\\s+POLICY\\s+tenant_isolation", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("V(\\d+)(?:[._](\\d+))?__.*\\.sql");

    private final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForcedWithAPolicy() {
        assertThat(owner.sql("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "AND n.nspname = 'public' WHERE " + TENANT_TABLE).query(Long.class).single())
                .as("tenant tables found").isGreaterThan(10);
        assertThat(found(owner, WITHOUT_FORCED_POLICY, "public"))
                .as("tenant tables without RLS enabled and forced and a policy (use apply_tenancy)").isEmpty();
    }

    @Test
    void everyPolicyIsTenantIsolationOrOwnerOnly() {
        assertThat(found(owner, OTHER_POLICIES, "public")).as("policies of another kind").isEmpty();
    }

    @Test
    void everyKeyOfATenantTableStartsWithTenantId() {
        assertThat(found(owner, KEYS_NOT_LED_BY_TENANT_ID, "public"))
                .as("keys of tenant tables not starting with tenant_id").isEmpty();
    }

    @Test
    void everyViewRunsWithTheCallersRowLevelSecurity() {
        assertThat(found(owner, DEFINER_VIEWS, "public")).as("views without security_invoker").isEmpty();
    }

    /** So that every table after V15 gets its policy from one place, {@code apply_tenancy}. */
    @Test
    void migrationsAfterApplyTenancyUseIt() throws Exception {
        Resource[] migrations = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql");
        List<String> handWritten = new ArrayList<>();
        for (Resource migration : migrations) {
            Matcher version = VERSION.matcher(migration.getFilename());
            assertThat(version.matches()).as(migration.getFilename()).isTrue();
            int major = Integer.parseInt(version.group(1));
            boolean afterV15 = major > 15 || major == 15 && version.group(2) != null;
            if (afterV15 && HAND_WRITTEN_TENANCY.matcher(
                    migration.getContentAsString(StandardCharsets.UTF_8).replaceAll("--[^\n]*", "")).find()) {
                handWritten.add(migration.getFilename());
            }
        }

        assertThat(migrations).hasSizeGreaterThanOrEqualTo(15);
        assertThat(HAND_WRITTEN_TENANCY.matcher("ALTER TABLE x ENABLE ROW LEVEL SECURITY").find()).isTrue();
        assertThat(HAND_WRITTEN_TENANCY.matcher("create policy tenant_isolation ON x USING (true)").find()).isTrue();
        assertThat(HAND_WRITTEN_TENANCY.matcher("SELECT apply_tenancy('x');").find()).isFalse();
        assertThat(handWritten).as("migrations that write RLS by hand instead of SELECT apply_tenancy(...)").isEmpty();
    }

    /** Each check above, on tables that break its rule next to tables that keep it; nothing is left behind. */
    @Test
    void eachCheckFindsWhatItForbidsAndNothingElse() throws Exception {
        try (Connection connection = TestDatabase.ownerDataSource().getConnection()) {
            connection.setAutoCommit(false);
            JdbcClient fixture = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            for (String sql : List.of(
                    "CREATE SCHEMA tenancy_fixture",
                    "SET LOCAL search_path = tenancy_fixture, public",
                    """
                    CREATE TABLE kept (tenant_id uuid NOT NULL REFERENCES tenants (id), id bigint, name text,
                                       PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, name))""",
                    "SELECT apply_tenancy('kept')",
                    "CREATE POLICY owner_maintenance ON kept TO current_user USING (true) WITH CHECK (true)",
                    "CREATE POLICY anyone ON kept USING (true)",
                    "CREATE TABLE no_rls (tenant_id uuid REFERENCES tenants (id), id bigint, PRIMARY KEY (tenant_id, id))",
                    "CREATE TABLE not_forced (tenant_id uuid, id bigint, PRIMARY KEY (tenant_id, id))",
                    "ALTER TABLE not_forced ENABLE ROW LEVEL SECURITY",
                    "CREATE POLICY tenant_isolation ON not_forced USING (tenant_id = current_tenant_id())",
                    "CREATE TABLE no_policy (tenant_id uuid, id bigint, PRIMARY KEY (tenant_id, id))",
                    "ALTER TABLE no_policy ENABLE ROW LEVEL SECURITY",
                    "ALTER TABLE no_policy FORCE ROW LEVEL SECURITY",
                    """
                    CREATE TABLE bad_keys (tenant_id uuid NOT NULL, id bigint, name text, kept_id bigint,
                                           CONSTRAINT bad_keys_pkey PRIMARY KEY (id, tenant_id),
                                           CONSTRAINT bad_keys_name UNIQUE (name, tenant_id),
                                           CONSTRAINT bad_keys_kept FOREIGN KEY (kept_id, tenant_id)
                                               REFERENCES kept (id, tenant_id))""",
                    "CREATE UNIQUE INDEX bad_keys_lower_name ON bad_keys (lower(name), tenant_id)",
                    "SELECT apply_tenancy('bad_keys')",
                    "CREATE VIEW owner_view AS SELECT * FROM kept",
                    "CREATE VIEW caller_view WITH (security_invoker = true) AS SELECT * FROM kept")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }

            assertThat(found(fixture, WITHOUT_FORCED_POLICY, "tenancy_fixture"))
                    .containsExactlyInAnyOrder("no_policy", "no_rls", "not_forced");
            assertThat(found(fixture, OTHER_POLICIES, "tenancy_fixture")).containsExactly("kept.anyone");
            assertThat(found(fixture, KEYS_NOT_LED_BY_TENANT_ID, "tenancy_fixture")).containsExactlyInAnyOrder(
                    "bad_keys.bad_keys_kept (foreign key)", "bad_keys.bad_keys_lower_name (unique index)",
                    "bad_keys.bad_keys_name (unique constraint)", "bad_keys.bad_keys_pkey (primary key)");
            assertThat(found(fixture, DEFINER_VIEWS, "tenancy_fixture")).containsExactly("owner_view");
            connection.rollback();
        }
    }

    private static List<String> found(JdbcClient db, String check, String schema) {
        return db.sql(check).param("schema", schema).query(String.class).list();
    }
}
