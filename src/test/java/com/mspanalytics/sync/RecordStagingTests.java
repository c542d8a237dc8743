package com.mspanalytics.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A page read by {@link RecordReader} and copied into its staging table by PostgreSQL itself holds, per record, what
 * {@code r #>> path} (or {@code r #> path}) of its raw jsonb gives: the staged values may stand in for the jsonb
 * expressions the upserts used to evaluate.
 */
class RecordStagingTests {

    private static final String PAGE = """
            [ {"id": 1, "summary": "Tab\\there, \\"quoted\\", back\\\\slash, new\\nline, \\u00e9t\\u00e9 \\ud83d\\ude00 /\\/",
               "board": {"id": 7, "name": "Service Desk", "_info": {"x": [1, 2]}},
               "actualHours": 1.50, "budget": 1e2, "tiny": -0.0, "closedFlag": true,
               "_info": {"lastUpdated": "2025-10-03T10:21:19Z", "dateEntered": "2025-10-03T08:35:23+02:00"},
               "items": [{"communicationType": "Email", "value": "a@b.example"}],
               "contact": null, "owner": "not an object", "summary2": {"nested": [1, "two"]}},
              {"id": 2,\r
            \t"summary": "Ünïcödé — escaped \\t and \\r; a tab and a CR between members",\t"board": {"name": null},
               "closedFlag": false, "actualHours": 0, "budget": -12345678901234567890.125,
               "_info": {"lastUpdated": "2025-10-04T00:00:00Z"}, "items": "not an array", "id": 3}
            ]
            """;

    private final RecordTable table = RecordTable.into("staging_test")
            .stage(RecordTable.Type.BIGINT, "id", "board.id")
            .stage(RecordTable.Type.TEXT, "summary", "board.name", "owner.id", "contact.id", "summary2", "missing",
                    "budget", "tiny")
            .stage(RecordTable.Type.NUMERIC, "actualHours")
            .stage(RecordTable.Type.BOOLEAN, "closedFlag")
            .stage(RecordTable.Type.TIMESTAMPTZ, "_info.lastUpdated", "_info.dateEntered")
            .stage(RecordTable.Type.JSONB, "items", "board._info", "contact", "nothing")
            .build(stage -> Upsert.into("staging_test").key("id").column("id", "\"id\"").from(stage).build());

    @Test
    void stagedValuesAreWhatJsonbGivesForTheSamePath() throws Exception {
        StagedRows rows = table.rows();
        RecordReader.Page page = new RecordReader(table).read(PAGE.getBytes(StandardCharsets.UTF_8), null, rows, Map.of(),
                SyncFailure::new);

        assertThat(page.size()).isEqualTo(2);
        assertThat(page.last().text("id")).as("a duplicate member: the last wins, as in jsonb").isEqualTo("3");
        assertThat(page.records().get(0).kind("owner.id")).isEqualTo(RecordReader.Kind.MISSING);
        assertThat(page.records().get(0).text("budget")).isEqualTo("100");

        try (Connection connection = TestDatabase.ownerDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(table.createStage());
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copy());
            copy.writeToCopy(rows.bytes(), 0, rows.length());
            copy.endCopy();

            List<String> checks = new ArrayList<>();
            for (RecordTable.Field field : table.fields()) {
                String path = "'{" + String.join(",", field.path()) + "}'";
                checks.add(switch (field.type()) {
                    case JSONB -> field.reference() + " IS NOT DISTINCT FROM r #> " + path;
                    case TEXT -> field.path().equals(List.of("summary2"))
                            ? "CAST(" + field.reference() + " AS jsonb) IS NOT DISTINCT FROM r #> " + path   // JSON text, spaced otherwise
                            : field.reference() + " IS NOT DISTINCT FROM r #>> " + path;
                    default -> field.reference() + " IS NOT DISTINCT FROM CAST(r #>> " + path + " AS "
                            + field.type().sql() + ")";
                } + " AS \"" + field.column() + "\"");
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", checks) + " FROM " + table.stage()
                         + " ORDER BY \"id\"")) {
                int records = 0;
                while (rs.next()) {
                    records++;
                    for (RecordTable.Field field : table.fields()) {
                        assertThat(rs.getBoolean(field.column())).as("record %d, %s", records, field.column()).isTrue();
                    }
                }
                assertThat(records).isEqualTo(2);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT r = CAST(" + quote(PAGE) + " AS jsonb) -> ("
                         + "CAST(\"id\" AS int) - 1) FROM " + table.stage() + " WHERE \"id\" = 1")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the raw record is the record as sent").isTrue();
            }
            connection.rollback();
        }
    }

    @Test
    void aPageThatIsNotWhatItShouldBeFailsNamingTheProblem() {
        RecordReader reader = new RecordReader(table);

        assertThatThrownBy(() -> reader.read("[{\"id\": 1}, {\"id\"".getBytes(StandardCharsets.UTF_8), null, table.rows(),
                Map.of(), SyncFailure::new)).hasMessage("the response is not valid JSON");
        assertThatThrownBy(() -> reader.read("{\"id\": 1}".getBytes(StandardCharsets.UTF_8), null, table.rows(),
                Map.of(), SyncFailure::new)).hasMessage("expected a JSON array");
        assertThatThrownBy(() -> reader.read("[1]".getBytes(StandardCharsets.UTF_8), null, table.rows(),
                Map.of(), SyncFailure::new)).hasMessage("a record that is not a JSON object");
        assertThatThrownBy(() -> reader.read("{\"data\": {}}".getBytes(StandardCharsets.UTF_8), "data", table.rows(),
                Map.of(), SyncFailure::new)).hasMessage("no data array");
        assertThatThrownBy(() -> reader.read("[] []".getBytes(StandardCharsets.UTF_8), null, table.rows(),
                Map.of(), SyncFailure::new)).hasMessage("the response is not valid JSON");
    }

    @Test
    void anEnvelopeKeepsEverythingButTheRecords() {
        StagedRows rows = table.rows();
        RecordReader.Page page = new RecordReader(table).read("""
                {"pagination": {"nextCursor": "abc"}, "data": [{"id": 5}, {"id": 6}], "@odata.nextLink": null}"""
                .getBytes(StandardCharsets.UTF_8), "data", rows, Map.of(), SyncFailure::new);

        assertThat(page.records()).extracting(r -> r.text("id")).containsExactly("5", "6");
        assertThat(page.envelope().path("pagination").path("nextCursor").asString()).isEqualTo("abc");
        assertThat(page.envelope().has("data")).isFalse();
        assertThat(rows.size()).isEqualTo(2);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
