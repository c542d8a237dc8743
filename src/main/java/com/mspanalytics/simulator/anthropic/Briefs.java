package com.mspanalytics.simulator.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulated Claude writes: a short brief from the figures in the prompt's data block (the first JSON object
 * in it), the way a model would read them: the headline numbers, the most actionable row, and a next step. It never
 * invents a figure; without a readable block it says so.
 */
final class Briefs {

    /** Decimals read as written ("7080.00"), as a model would quote them. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Briefs() {
    }

    static String write(String prompt) {
        JsonNode data = block(prompt);
        if (data == null) {
            return "There are no figures in the request to brief on.";
        }
        String kpi = data.path("kpi").asString("");
        JsonNode summary = data.path("summary");
        JsonNode top = data.path("rows").isArray() && !data.path("rows").isEmpty() ? data.path("rows").get(0) : null;
        return switch (kpi) {
            case "sales-opportunities" -> sales(summary, top);
            case "agreement-mismatch" -> agreements(summary, top);
            case "weekly-digest" -> digest(summary);
            default -> generic(kpi, summary, top, data.path("rowCount").asInt(0));
        };
    }

    private static String sales(JsonNode s, JsonNode top) {
        if (s.path("opportunities").asInt() == 0 || top == null) {
            return "No client stands out with a recurring problem in this window; nothing to pitch yet.";
        }
        return s.path("opportunities").asInt() + " recurring problems at " + s.path("clients").asInt()
                + " clients cost " + money(s.path("totalCostToMsp"), s) + " of tech time. The strongest is "
                + top.path("client").asString() + ": " + top.path("ticketCount").asInt() + " "
                + top.path("category").asString() + " tickets (" + top.path("hours").asString() + " h), about "
                + ratio(top) + " what its size predicts. Next step: offer " + top.path("offering").asString()
                + " at its next account review.";
    }

    private static String agreements(JsonNode s, JsonNode top) {
        String recoverable = money(s.path("totalRecoverable"), s) + " of work outside agreements went unbilled ("
                + s.path("recoverableHours").asString() + " h)";
        String billed = s.path("billedOutsideHours").asDouble() > 0 ? "; " + s.path("billedOutsideHours").asString()
                + " h were billed outside agreements, a hint that some agreements no longer fit" : "";
        String client = top == null ? "" : " Start with " + top.path("client").asString() + ".";
        return recoverable + billed + "." + client + " Next step: decide with the account managers what to invoice.";
    }

    private static String digest(JsonNode s) {
        JsonNode hours = s.path("hours");
        JsonNode outside = s.path("workOutsideAgreements");
        List<String> sentences = new ArrayList<>();
        sentences.add("The team logged " + hours.path("total").asString() + " hours, " + hours.path("billableShare")
                .asString() + " of them billable.");
        if (!outside.path("recoverableUnbilled").asString("").isEmpty()) {
            sentences.add(outside.path("recoverableUnbilled").asString() + " of work outside agreements went unbilled ("
                    + outside.path("unbilledHours").asString() + " h).");
        }
        JsonNode opportunities = s.path("topSalesOpportunities90Days");
        if (opportunities.isArray() && !opportunities.isEmpty()) {
            JsonNode first = opportunities.get(0);
            sentences.add("Best opportunity: " + first.path("client").asString() + ", " + first.path("tickets").asInt()
                    + " " + first.path("issue").asString() + " tickets; offer " + first.path("offer").asString() + ".");
        }
        sentences.add(s.path("soc").path("events").asInt() + " security events, " + s.path("soc").path("slaBreaches")
                .asInt() + " SLA breaches; " + s.path("openAnomalies").asInt() + " anomalies open.");
        return String.join(" ", sentences);
    }

    private static String generic(String kpi, JsonNode summary, JsonNode top, int rows) {
        List<String> figures = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : summary.properties()) {
            if (field.getValue().isNumber() && figures.size() < 3) {
                figures.add(words(field.getKey()) + " " + field.getValue().asString());
            }
        }
        String name = kpi.isEmpty() ? "This result" : capitalised(kpi.replace('-', ' '));
        String lead = name + (figures.isEmpty() ? " has no headline figures" : ": " + String.join(", ", figures)) + ".";
        String first = top == null ? "" : firstText(top);
        return lead + (rows == 0 ? " Nothing is flagged." : " " + rows + (rows == 1 ? " row" : " rows")
                + (first.isEmpty() ? "" : ", first " + first) + ".") + " Next step: go through the top rows with the "
                + "service manager.";
    }

    private static String firstText(JsonNode row) {
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (field.getValue().isString() && !field.getValue().asString().isBlank()) {
                return field.getValue().asString();
            }
        }
        return "";
    }

    private static String money(JsonNode amount, JsonNode summary) {
        return amount.asString() + " " + summary.path("currency").asString("");
    }

    private static String ratio(JsonNode row) {
        double ratio = row.path("ratio").asDouble(0);
        return ratio > 0 ? String.format(Locale.ROOT, "%.1f times", ratio) : "more than";
    }

    /** {@code totalRecoverable} → "total recoverable". */
    private static String words(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static JsonNode block(String prompt) {
        int start = prompt.indexOf('{');
        int end = prompt.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            return JSON.readTree(prompt.substring(start, end + 1));
        } catch (JacksonException e) {
            return null;
        }
    }
}
