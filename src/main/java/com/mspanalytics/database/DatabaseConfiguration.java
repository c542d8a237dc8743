package com.mspanalytics.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two pools on one database. The owner pool is used only by Flyway (and provisioning of the
 * application role); everything else goes through the application role, which row-level security
 * constrains to the tenant of the current transaction.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** Started only when no DATABASE_URL is configured; stopped with the context. */
    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties) {
        return DatabaseServer.of(properties);
    }

    @Bean(destroyMethod = "close")
    @FlywayDataSource
    HikariDataSource ownerDataSource(DatabaseServer server, DatabaseProperties properties) {
        // Flyway holds two connections at once (lock + migration); idle owner connections are closed.
        return pool("msp-owner", server.jdbcUrl(), properties.user(), properties.password(), 4, properties);
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
        return pool("msp-app", server.jdbcUrl(), properties.appUser(), properties.appPassword(),
                properties.poolSize(), properties);
    }

    @Bean
    ApplicationRoleProvisioner applicationRoleProvisioner(DatabaseProperties properties) {
        return new ApplicationRoleProvisioner(properties);
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size,
            DatabaseProperties properties) {
        // The no-argument constructor connects lazily: the application role only gets its password
        // from the Flyway callback, after this bean exists.
        HikariDataSource config = new HikariDataSource();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(name.equals("msp-owner") ? 0 : Math.min(2, size));
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        return config;
    }
}
