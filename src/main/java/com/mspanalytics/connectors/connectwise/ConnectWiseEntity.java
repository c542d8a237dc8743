package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.Upsert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one ConnectWise collection maps onto its table: each column's SQL expression over the values staged from the
 * record ({@link RecordTable}: read client-side while the page is parsed, so the rows never exist as Java objects and
 * PostgreSQL never digs them out of jsonb again).
 *
 * @param table the staged fields and the page's upsert ({@link RecordTable#upsert()})
 * @param incremental read by keyset on ({@code _info/lastUpdated}, id) from a checkpoint; else re-read whole
 * @param reconciled ids are compared with ConnectWise's now and then to mark deletions
 */
record ConnectWiseEntity(String entity, String path, int order, RecordTable table, boolean incremental,
        boolean reconciled) {

    /** Staged for every collection: the id (and, where incremental, the keyset's {@code _info.lastUpdated}). */
    static final String ID = "id";
    static final String LAST_UPDATED = "_info.lastUpdated";

    static final List<ConnectWiseEntity> ALL = List.of(
            of("companies", "/company/companies", 10, "cw_companies", s -> columns(
                    "identifier", s.text("identifier"),
                    "name", s.text("name"),
                    "status", name(s, "status"),
                    "market", name(s, "market"),
                    "employees", "CAST(" + s.text("numberOfEmployees") + " AS integer)",
                    "last_updated", lastUpdated(s)), true, false),
            of("contacts", "/company/contacts", 15, "cw_contacts", s -> columns(
                    "company_id", id(s, "company"),
                    "first_name", s.text("firstName"),
                    "last_name", s.text("lastName"),
                    "email", "(SELECT c->>'value' FROM jsonb_array_elements(coalesce(" + s.json("communicationItems")
                            + ", '[]'::jsonb)) c WHERE c->>'communicationType' = 'Email' LIMIT 1)",
                    "inactive", flag(s, "inactiveFlag"),
                    "last_updated", lastUpdated(s)), false, false),
            of("members", "/system/members", 20, "cw_members", s -> columns(
                    "identifier", s.text("identifier"),
                    "first_name", s.text("firstName"),
                    "last_name", s.text("lastName"),
                    "title", s.text("title"),
                    "daily_capacity", s.numeric("dailyCapacity"),
                    "inactive", flag(s, "inactiveFlag"),
                    "last_updated", lastUpdated(s)), true, false),
            of("boards", "/service/boards", 30, "cw_boards", s -> columns(
                    "name", s.text("name"),
                    "project_flag", flag(s, "projectFlag"),
                    "inactive", flag(s, "inactiveFlag"),
                    "last_updated", lastUpdated(s)), false, false),
            of("agreements", "/finance/agreements", 40, "cw_agreements", s -> columns(
                    "company_id", id(s, "company"),
                    "name", s.text("name"),
                    "type_name", name(s, "type"),
                    "start_date", day(s, "startDate"),
                    "end_date", day(s, "endDate"),
                    "cancelled", flag(s, "cancelledFlag"),
                    "last_updated", lastUpdated(s)), true, false),
            of("projects", "/project/projects", 50, "cw_projects", s -> columns(
                    "company_id", id(s, "company"),
                    "name", s.text("name"),
                    "status", name(s, "status"),
                    "closed", flag(s, "closedFlag"),
                    "actual_start", day(s, "actualStart"),
                    "actual_end", day(s, "actualEnd"),
                    "estimated_start", day(s, "estimatedStart"),
                    "estimated_end", day(s, "estimatedEnd"),
                    "description", s.text("description"),
                    "last_updated", lastUpdated(s)), true, false),
            of("tickets", "/service/tickets", 60, "cw_tickets", s -> columns(
                    "summary", s.text("summary"),
                    "board_id", id(s, "board"),
                    "board_name", name(s, "board"),
                    "status_name", name(s, "status"),
                    "company_id", id(s, "company"),
                    "contact_id", id(s, "contact"),
                    "type_name", name(s, "type"),
                    "subtype_name", name(s, "subType"),
                    "item_name", name(s, "item"),
                    "priority_name", name(s, "priority"),
                    "owner_member_id", id(s, "owner"),
                    "agreement_id", id(s, "agreement"),
                    "date_entered", "coalesce(" + s.timestamptz("_info.dateEntered") + ", "
                            + s.timestamptz("dateEntered") + ")",
                    "date_responded", s.timestamptz("dateResponded"),
                    "closed_date", s.timestamptz("closedDate"),
                    "closed", flag(s, "closedFlag"),
                    "actual_hours", s.numeric("actualHours"),
                    "last_updated", lastUpdated(s)), true, true),
            of("project-tickets", "/project/tickets", 65, "cw_project_tickets", s -> columns(
                    "project_id", id(s, "project"),
                    "phase_name", name(s, "phase"),
                    "summary", s.text("summary"),
                    "board_id", id(s, "board"),
                    "board_name", name(s, "board"),
                    "status_name", name(s, "status"),
                    "company_id", id(s, "company"),
                    "type_name", name(s, "type"),
                    "subtype_name", name(s, "subType"),
                    "item_name", name(s, "item"),
                    "owner_member_id", id(s, "owner"),
                    "date_entered", "coalesce(" + s.timestamptz("_info.dateEntered") + ", "
                            + s.timestamptz("dateEntered") + ")",
                    "closed_date", s.timestamptz("closedDate"),
                    "closed", flag(s, "closedFlag"),
                    "last_updated", lastUpdated(s)), true, true),
            of("time-entries", "/time/entries", 70, "cw_time_entries", s -> columns(
                    "company_id", id(s, "company"),
                    "charge_to_type", s.text("chargeToType"),
                    "charge_to_id", s.bigint("chargeToId"),
                    "member_id", id(s, "member"),
                    "work_type", name(s, "workType"),
                    "work_role", name(s, "workRole"),
                    "billable_option", s.text("billableOption"),
                    "agreement_id", id(s, "agreement"),
                    "time_start", s.timestamptz("timeStart"),
                    "time_end", s.timestamptz("timeEnd"),
                    "actual_hours", "coalesce(" + s.numeric("actualHours") + ", 0)",
                    "hours_billed", s.numeric("hoursBilled"),
                    "last_updated", lastUpdated(s)), true, true));

    /** Agreement additions, read per agreement with each page of agreements; the agreement's id comes with the page. */
    static final ConnectWiseEntity ADDITIONS = of("agreement-additions", "/finance/agreements/{id}/additions", 41,
            "cw_agreement_additions", List.of("agreement_id", ID), s -> columns(
                    "agreement_id", s.param("agreement_id", RecordTable.Type.BIGINT),
                    "product", s.text("product.identifier"),
                    "quantity", s.numeric("quantity"),
                    "effective_date", day(s, "effectiveDate"),
                    "cancelled_date", day(s, "cancelledDate")), false, false);

    /** The table's name, e.g. {@code cw_tickets}. */
    String tableName() {
        return table.table();
    }

    /** {@link #of(String, String, int, String, List, Function, boolean, boolean)} keyed by the record's id. */
    static ConnectWiseEntity of(String entity, String path, int order, String table,
            Function<RecordTable.Builder, Map<String, String>> columns, boolean incremental, boolean reconciled) {
        return of(entity, path, order, table, List.of(ID), columns, incremental, reconciled);
    }

    /**
     * {@code columns} (name to SQL over the staged fields; {@code id} is added) as one statement per page: insert or
     * update every staged record, skipping those whose raw JSON did not change (so re-reading an overlap costs no
     * writes), and report how many rows were inserted and how many changed. A record that comes back after being
     * marked deleted is undeleted ({@link Upsert.Deletion#UNDELETE}).
     *
     * @param key the table's key after {@code tenant_id}
     */
    static ConnectWiseEntity of(String entity, String path, int order, String table, List<String> key,
            Function<RecordTable.Builder, Map<String, String>> columns, boolean incremental, boolean reconciled) {
        RecordTable.Builder staged = RecordTable.into(table);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("id", staged.bigint(ID));
        all.putAll(columns.apply(staged));
        if (incremental) {
            staged.timestamptz(LAST_UPDATED);       // the keyset, whether or not a column keeps it
        }
        return new ConnectWiseEntity(entity, path, order, staged.build(stage -> Upsert.into(table)
                .key(key.toArray(String[]::new)).columns(all).undeletes().from(stage).build()), incremental, reconciled);
    }

    /** {@code <member>.id}, e.g. the company a contact belongs to. */
    private static String id(RecordTable.Builder s, String member) {
        return s.bigint(member + ".id");
    }

    /** {@code <member>.name}, e.g. a ticket's status. */
    private static String name(RecordTable.Builder s, String member) {
        return s.text(member + ".name");
    }

    /** A flag that is false unless ConnectWise says true. */
    private static String flag(RecordTable.Builder s, String member) {
        return "coalesce(" + s.bool(member) + ", false)";
    }

    /** The date of a timestamp, in the session's time zone. */
    private static String day(RecordTable.Builder s, String member) {
        return "CAST(" + s.timestamptz(member) + " AS date)";
    }

    private static String lastUpdated(RecordTable.Builder s) {
        return s.timestamptz(LAST_UPDATED);
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
