package com.mspanalytics.dashboard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV of a table. A cell that a spreadsheet would run as a formula (starting with =, +, −, @, tab or CR) is
 * prefixed with an apostrophe: ticket summaries and company names come from the PSA and are untrusted.
 */
final class Csv {

    private Csv() {
    }

    static String of(List<String> columns, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(line(columns));
        rows.forEach(row -> csv.append(line(row)));
        return csv.toString();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        return value.matches("[-+]?\\d+(\\.\\d+)?");
    }
}
