package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Sorting a KPI's table by a column header: numbers as numbers, text as text, blanks last either way. */
class RecordTableSortTests {

    record Row(String client, @Nullable Double hours) {
    }

    private static final RecordTable TABLE = RecordTable.of(List.of(new Row("beta", 1234.5), new Row("Alpha", 9.0),
            new Row("gamma", null), new Row("delta", 120.25)));

    @Test
    void aNumericColumnSortsByValueWithBlanksLast() {
        assertThat(column(TABLE.sortedBy(1, false), 0)).containsExactly("Alpha", "delta", "beta", "gamma");
        assertThat(column(TABLE.sortedBy(1, true), 0)).containsExactly("beta", "delta", "Alpha", "gamma");
    }

    @Test
    void aTextColumnSortsIgnoringCaseAndAnUnknownColumnKeepsTheKpisOrder() {
        assertThat(column(TABLE.sortedBy(0, false), 0)).containsExactly("Alpha", "beta", "delta", "gamma");
        assertThat(column(TABLE.sortedBy(0, true), 0)).containsExactly("gamma", "delta", "beta", "Alpha");
        assertThat(column(TABLE.sortedBy(7, false), 0)).containsExactly("beta", "Alpha", "gamma", "delta");
        assertThat(column(TABLE.sortedBy(null, true), 0)).containsExactly("beta", "Alpha", "gamma", "delta");
    }

    private static List<String> column(RecordTable table, int index) {
        return table.rows().stream().map(r -> r.get(index).text()).toList();
    }
}
