package com.mspanalytics.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class RowLevelSecurityIntegrationTests {

    @Autowired
    DataSource appDataSource;

    @Autowired
    TenantTransactionManager transactionManager;

    @Autowired
    Flyway flyway;

    final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    final TenantId tenantA = new TenantId(UUID.randomUUID());
    final TenantId tenantB = new TenantId(UUID.randomUUID());

    @BeforeEach
    void twoTenantsWithSettings() {
        for (TenantId tenant : List.of(tenantA, tenantB)) {
            owner.sql("INSERT INTO tenants (id, name) VALUES (?, ?)").params(tenant.value(), "t-" + tenant).update();
            owner.sql("INSERT INTO tenant_settings (tenant_id, settings) VALUES (?, '{\"currency\":\"CAD\"}')")
                    .params(tenant.value()).update();
        }
    }

    @Test
    void everyMigrationApplied() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).isNotEmpty();
    }

    /** The build fails the day someone adds a tenant table without a forced policy. */
    @Test
    void everyTableWithATenantIdColumnHasForcedRowLevelSecurity() {
        List<String> unprotected = owner.sql("""
                SELECT c.relname
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                WHERE c.relkind IN ('r', 'p')
                  AND (EXISTS (SELECT 1 FROM pg_attribute a
                               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                       OR c.relname = 'tenants')
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                           AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
                """).query(String.class).list();
        long tenantTables = owner.sql("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name = 'tenant_id'
                """).query(Long.class).single();

        assertThat(tenantTables).isPositive();
        assertThat(unprotected).as("tables with tenant_id but no forced RLS policy").isEmpty();
    }

    /** Only two kinds of policy exist: tenant isolation for everyone, and maintenance for the owner alone. */
    @Test
    void everyPolicyIsTenantIsolationOrOwnerOnly() {
        List<String> others = owner.sql("""
                SELECT tablename || '.' || policyname FROM pg_policies
                WHERE schemaname = 'public'
                  AND NOT (policyname = 'tenant_isolation' AND roles = '{public}'
                           AND qual LIKE '%current_tenant_id()%')
                  AND NOT (policyname = 'owner_maintenance' AND roles = ARRAY[current_user]::name[])
                """).query(String.class).list();

        assertThat(others).isEmpty();
    }

    @Test
    void tenantIdLeadsEveryKeyOfEveryTenantTable() {
        List<String> badKeys = owner.sql("""
                SELECT c.relname || '.' || i.relname
                FROM pg_index x
                JOIN pg_class c ON c.oid = x.indrelid
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                WHERE (x.indisprimary OR x.indisunique)
                  AND EXISTS (SELECT 1 FROM pg_attribute a
                              WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                  AND (SELECT a.attname FROM pg_attribute a
                       WHERE a.attrelid = c.oid AND a.attnum = x.indkey[0]) <> 'tenant_id'
                """).query(String.class).list();

        assertThat(badKeys).as("keys of tenant tables not starting with tenant_id").isEmpty();
    }

    @Test
    void everyViewRunsWithTheCallersRowLevelSecurity() {
        List<String> definerViews = owner.sql("""
                SELECT c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                WHERE c.relkind = 'v'
                  AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
                """).query(String.class).list();

        assertThat(definerViews).isEmpty();
    }

    @Test
    void theApplicationRoleIsNeitherOwnerNorBypassesRowLevelSecurity() {
        var role = JdbcClient.create(appDataSource)
                .sql("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2))).single();
        long owned = JdbcClient.create(appDataSource)
                .sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user")
                .query(Long.class).single();

        assertThat(role).containsExactly(false, false);
        assertThat(owned).isZero();
    }

    /** Sync stages each page in a temporary table of its session (V12); nothing else needs more than DML. */
    @Test
    void theApplicationRoleMayCreateTemporaryTablesOnly() {
        var privileges = JdbcClient.create(appDataSource).sql("""
                SELECT has_database_privilege(current_user, current_database(), 'TEMPORARY'),
                       has_database_privilege(current_user, current_database(), 'CREATE'),
                       has_schema_privilege(current_user, 'public', 'CREATE')""")
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).single();

        assertThat(privileges).containsExactly(true, false, false);
    }

    @Test
    void withoutATenantAQuerySeesZeroRows() {
        JdbcClient app = JdbcClient.create(appDataSource);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        Long inTransaction = tx.execute(s -> app.sql("SELECT count(*) FROM tenant_settings").query(Long.class).single());
        Long autocommit = app.sql("SELECT count(*) FROM tenant_settings").query(Long.class).single();
        Long tenants = tx.execute(s -> app.sql("SELECT count(*) FROM tenants").query(Long.class).single());

        assertThat(owner.sql("SELECT count(*) FROM tenant_settings").query(Long.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(inTransaction).isZero();
        assertThat(autocommit).isZero();
        assertThat(tenants).isZero();
    }

    @Test
    void aTenantSeesOnlyItsOwnRowsAndCannotWriteAnothers() {
        JdbcClient app = JdbcClient.create(appDataSource);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        List<UUID> visible = TenantContext.callAs(tenantA, () -> tx.execute(s ->
                app.sql("SELECT tenant_id FROM tenant_settings").query(UUID.class).list()));
        int updatedOther = TenantContext.callAs(tenantA, () -> tx.execute(s ->
                app.sql("UPDATE tenant_settings SET settings = '{}' WHERE tenant_id = ?").params(tenantB.value()).update()));

        assertThat(visible).containsExactly(tenantA.value());
        assertThat(updatedOther).isZero();
        assertThatThrownBy(() -> TenantContext.runAs(tenantA, () -> tx.executeWithoutResult(s ->
                app.sql("INSERT INTO tenant_settings (tenant_id) VALUES (?)").params(UUID.randomUUID()).update())))
                .rootCause().hasMessageContaining("violates row-level security policy");
    }

    /** set_config(..., true) ends with the transaction: the next borrower of the connection sees nothing. */
    @Test
    void theTenantDoesNotOutliveItsTransactionOnAPooledConnection() {
        try (HikariDataSource single = new HikariDataSource()) {
            single.setJdbcUrl("jdbc:postgresql://localhost:" + TestDatabase.server().getPort() + "/postgres");
            single.setUsername("msp_app");
            single.setPassword(TestDatabase.APP_PASSWORD);
            single.setMaximumPoolSize(1);
            TenantTransactionManager manager = new TenantTransactionManager(single);
            JdbcClient app = JdbcClient.create(single);
            TransactionTemplate tx = new TransactionTemplate(manager);

            Long asTenant = TenantContext.callAs(tenantA, () ->
                    tx.execute(s -> app.sql("SELECT count(*) FROM tenant_settings").query(Long.class).single()));
            Long afterwards = tx.execute(s -> app.sql("SELECT count(*) FROM tenant_settings").query(Long.class).single());
            String setting = app.sql("SELECT coalesce(current_setting('app.tenant_id', true), '')").query(String.class).single();

            assertThat(asTenant).isEqualTo(1);
            assertThat(afterwards).isZero();
            assertThat(setting).isEmpty();
        }
    }
}
