package com.mspanalytics.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.tenant.TenantId;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Each way an {@link Upsert} renders, run against PostgreSQL: the statement is valid SQL and writes the rows and
 * counts its Javadoc promises. Tables are temporary, in one transaction that is rolled back.
 */
class UpsertTests {

    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    /** The page as the source relation: one raw record {@code r} per element of {@code :page}. */
    private static final String PAGE = "jsonb_array_elements(CAST(:page AS jsonb)) AS records(r)";

    private Connection connection;
    private JdbcClient db;

    @BeforeEach
    void transaction() throws Exception {
        connection = TestDatabase.ownerDataSource().getConnection();
        connection.setAutoCommit(false);
        db = JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    @AfterEach
    void rollBack() throws Exception {
        connection.rollback();
        connection.close();
    }

    @Test
    void unchangedRecordsAreNotWrittenAndAReturningRecordIsUndeleted() {
        db.sql("""
                CREATE TEMPORARY TABLE items (tenant_id uuid, id bigint, name text, deleted_at timestamptz,
                                              raw jsonb NOT NULL, synced_at timestamptz NOT NULL, PRIMARY KEY (tenant_id, id))
                """).update();
        Upsert upsert = Upsert.into("pg_temp.items").key("id").from(PAGE)
                .column("id", "CAST(r->>'id' AS bigint)").column("name", "r->>'name'").undeletes().build();
        String page = "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]";

        assertThat(write(upsert, page)).isEqualTo(new PageCounts(2, 0, 0));
        assertThat(write(upsert, page)).as("the same raw records again").isEqualTo(PageCounts.NONE);
        assertThat(write(upsert, "[{\"id\": 1, \"name\": \"a2\"}, {\"id\": 2, \"name\": \"b\"}]"))
                .isEqualTo(new PageCounts(0, 1, 0));
        db.sql("UPDATE items SET deleted_at = now(), synced_at = now() - interval '1 day' WHERE id = 2").update();
        assertThat(write(upsert, "[{\"id\": 2, \"name\": \"b\"}]")).as("unchanged but marked deleted")
                .isEqualTo(new PageCounts(0, 1, 0));

        assertThat(db.sql("SELECT id || ':' || name || ':' || (deleted_at IS NULL) || ':' || (synced_at = now()) "
                + "FROM items WHERE tenant_id = :tenant ORDER BY id").param("tenant", TENANT.value())
                .query(String.class).list()).containsExactly("1:a2:true:true", "2:b:true:true");
    }

    @Test
    void aTableWithoutDeletionsTakesBoundValuesUpdateExpressionsAndTheNewestDuplicate() {
        db.sql("""
                CREATE TEMPORARY TABLE events (tenant_id uuid, source text, id text, seen_at timestamptz,
                                               first_seen timestamptz, raw jsonb NOT NULL, synced_at timestamptz NOT NULL,
                                               PRIMARY KEY (tenant_id, source, id))
                """).update();
        Upsert upsert = Upsert.into("pg_temp.events").key("source", "id")
                .with("page", Upsert.newestPer("r->>'id'", "r->>'seen'", PAGE))
                .from("page")
                .column("source", ":source").bind("source", "s1")
                .column("id", "r->>'id'")
                .column("seen_at", "CAST(r->>'seen' AS timestamptz)")
                .column("first_seen", "CAST(r->>'seen' AS timestamptz)")
                .onUpdate("first_seen", "LEAST(t.first_seen, EXCLUDED.first_seen)")
                .build();

        assertThat(write(upsert, """
                [{"id": "e", "seen": "2025-01-02T00:00:00Z"}, {"id": "e", "seen": "2025-01-03T00:00:00Z"}]"""))
                .as("one row per id, the newest").isEqualTo(new PageCounts(1, 0, 0));
        assertThat(write(upsert, "[{\"id\": \"e\", \"seen\": \"2025-01-01T00:00:00Z\"}]")).isEqualTo(new PageCounts(0, 1, 0));
        assertThat(write(upsert, "[{\"id\": \"e\", \"seen\": \"2025-01-04T00:00:00Z\"}]")).isEqualTo(new PageCounts(0, 1, 0));

        assertThat(db.sql("SELECT source || ':' || id || ':' || (seen_at AT TIME ZONE 'UTC')::date || ':' || (first_seen AT TIME ZONE 'UTC')::date FROM events")
                .query(String.class).list()).containsExactly("s1:e:2025-01-04:2025-01-01");
    }

    @Test
    void aTombstoneIsCountedAsDeletedKeepsItsFirstTimeAndComesBack() {
        db.sql("""
                CREATE TEMPORARY TABLE reviews (tenant_id uuid, id bigint, status text, deleted_at timestamptz,
                                                raw jsonb NOT NULL, synced_at timestamptz NOT NULL, PRIMARY KEY (tenant_id, id))
                """).update();
        Upsert upsert = Upsert.into("pg_temp.reviews").key("id").from(PAGE)
                .column("id", "CAST(r->>'id' AS bigint)").column("status", "r->>'status'")
                .deletedWhen("status", "deleted").build();

        assertThat(write(upsert, "[{\"id\": 1, \"status\": \"open\"}, {\"id\": 2, \"status\": \"deleted\"}]"))
                .isEqualTo(new PageCounts(1, 0, 1));
        db.sql("UPDATE reviews SET deleted_at = '2025-01-01' WHERE id = 2").update();
        assertThat(write(upsert, "[{\"id\": 2, \"status\": \"deleted\", \"note\": \"x\"}]"))
                .as("still deleted: counted so, the first deletion time kept").isEqualTo(new PageCounts(0, 0, 1));
        assertThat(db.sql("SELECT deleted_at::date::text FROM reviews WHERE id = 2").query(String.class).single())
                .isEqualTo("2025-01-01");
        assertThat(write(upsert, "[{\"id\": 1, \"status\": \"deleted\"}, {\"id\": 2, \"status\": \"open\"}]"))
                .isEqualTo(new PageCounts(0, 1, 1));

        assertThat(db.sql("SELECT id || ':' || (deleted_at IS NOT NULL) FROM reviews ORDER BY id").query(String.class)
                .list()).containsExactly("1:true", "2:false");
    }

    @Test
    void aDefinitionThatCannotRenderAValidUpsertIsRefused() {
        assertThatThrownBy(() -> Upsert.into("items").key("id").from(PAGE).column("name", "r->>'name'").build())
                .hasMessageContaining("key column id");
        assertThatThrownBy(() -> Upsert.into("items").key("id").column("id", "1").build())
                .hasMessageContaining("source relation");
        assertThatThrownBy(() -> Upsert.into("items").column("raw", "r")).hasMessageContaining("bad column raw");
        assertThatThrownBy(() -> Upsert.into("items").key("id").from(PAGE).column("id", "1").onUpdate("id", "2").build())
                .hasMessageContaining("no column to update");
        assertThatThrownBy(() -> Upsert.into("items; DROP TABLE x")).hasMessageContaining("bad table");
        assertThatThrownBy(() -> Upsert.into("items").bind("tenant", "x")).hasMessageContaining("tenant");
        for (String name : List.of("written", "Bad name")) {
            assertThatThrownBy(() -> Upsert.into("items").with(name, "SELECT 1")).hasMessageContaining(name);
        }
    }

    private PageCounts write(Upsert upsert, String page) {
        return upsert.write(db, TENANT, Map.of("page", page));
    }
}
