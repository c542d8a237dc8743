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

/**
 * Row-level security at work: the roles, what a transaction with and without a tenant sees and may write. The rules
 * of the schema itself (forced policies, keys, views) are held by {@link TenancySchemaIntegrationTests}.
 */
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
