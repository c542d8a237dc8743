package com.mspanalytics.connectors.connectwise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one ConnectWise collection maps onto its table: the columns and the SQL expression that
 * extracts each from the record {@code r} (jsonb). A page is upserted in one statement straight from
 * the response body, so the rows never exist as Java objects.
 *
 * @param incremental read by keyset on ({@code _info/lastUpdated}, id) from a checkpoint; else re-read whole
 * @param reconciled ids are compared with ConnectWise's now and then to mark deletions
 */
record ConnectWiseEntity(String entity, String path, int order, String table, Map<String, String> columns,
        boolean incremental, boolean reconciled) {

    static final List<ConnectWiseEntity> ALL = List.of(
            new ConnectWiseEntity("companies", "/company/companies", 10, "cw_companies", columns(
                    "identifier", "r->>'identifier'",
                    "name", "r->>'name'",
                    "status", "r->'status'->>'name'",
                    "market", "r->'market'->>'name'",
                    "employees", "(r->>'numberOfEmployees')::integer",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), true, false),
            new ConnectWiseEntity("contacts", "/company/contacts", 15, "cw_contacts", columns(
                    "company_id", "(r->'company'->>'id')::bigint",
                    "first_name", "r->>'firstName'",
                    "last_name", "r->>'lastName'",
                    "email", "(SELECT c->>'value' FROM jsonb_array_elements(coalesce(r->'communicationItems', "
                            + "'[]'::jsonb)) c WHERE c->>'communicationType' = 'Email' LIMIT 1)",
                    "inactive", "coalesce((r->>'inactiveFlag')::boolean, false)",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), false, false),
            new ConnectWiseEntity("members", "/system/members", 20, "cw_members", columns(
                    "identifier", "r->>'identifier'",
                    "first_name", "r->>'firstName'",
                    "last_name", "r->>'lastName'",
                    "title", "r->>'title'",
                    "daily_capacity", "(r->>'dailyCapacity')::numeric",
                    "inactive", "coalesce((r->>'inactiveFlag')::boolean, false)",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), true, false),
            new ConnectWiseEntity("boards", "/service/boards", 30, "cw_boards", columns(
                    "name", "r->>'name'",
                    "project_flag", "coalesce((r->>'projectFlag')::boolean, false)",
                    "inactive", "coalesce((r->>'inactiveFlag')::boolean, false)",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), false, false),
            new ConnectWiseEntity("agreements", "/finance/agreements", 40, "cw_agreements", columns(
                    "company_id", "(r->'company'->>'id')::bigint",
                    "name", "r->>'name'",
                    "type_name", "r->'type'->>'name'",
                    "start_date", "(r->>'startDate')::timestamptz::date",
                    "end_date", "(r->>'endDate')::timestamptz::date",
                    "cancelled", "coalesce((r->>'cancelledFlag')::boolean, false)",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), true, false),
            new ConnectWiseEntity("projects", "/project/projects", 50, "cw_projects", columns(
                    "company_id", "(r->'company'->>'id')::bigint",
                    "name", "r->>'name'",
                    "status", "r->'status'->>'name'",
                    "closed", "coalesce((r->>'closedFlag')::boolean, false)",
                    "actual_start", "(r->>'actualStart')::timestamptz::date",
                    "actual_end", "(r->>'actualEnd')::timestamptz::date",
                    "estimated_start", "(r->>'estimatedStart')::timestamptz::date",
                    "estimated_end", "(r->>'estimatedEnd')::timestamptz::date",
                    "description", "r->>'description'",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), true, false),
            new ConnectWiseEntity("tickets", "/service/tickets", 60, "cw_tickets", columns(
                    "summary", "r->>'summary'",
                    "board_id", "(r->'board'->>'id')::bigint",
                    "board_name", "r->'board'->>'name'",
                    "status_name", "r->'status'->>'name'",
                    "company_id", "(r->'company'->>'id')::bigint",
                    "contact_id", "(r->'contact'->>'id')::bigint",
                    "type_name", "r->'type'->>'name'",
                    "subtype_name", "r->'subType'->>'name'",
                    "item_name", "r->'item'->>'name'",
                    "priority_name", "r->'priority'->>'name'",
                    "owner_member_id", "(r->'owner'->>'id')::bigint",
                    "agreement_id", "(r->'agreement'->>'id')::bigint",
                    "date_entered", "coalesce((r->'_info'->>'dateEntered')::timestamptz, (r->>'dateEntered')::timestamptz)",
                    "date_responded", "(r->>'dateResponded')::timestamptz",
                    "closed_date", "(r->>'closedDate')::timestamptz",
                    "closed", "coalesce((r->>'closedFlag')::boolean, false)",
                    "actual_hours", "(r->>'actualHours')::numeric",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), true, true),
            new ConnectWiseEntity("time-entries", "/time/entries", 70, "cw_time_entries", columns(
                    "company_id", "(r->'company'->>'id')::bigint",
                    "charge_to_type", "r->>'chargeToType'",
                    "charge_to_id", "(r->>'chargeToId')::bigint",
                    "member_id", "(r->'member'->>'id')::bigint",
                    "work_type", "r->'workType'->>'name'",
                    "work_role", "r->'workRole'->>'name'",
                    "billable_option", "r->>'billableOption'",
                    "agreement_id", "(r->'agreement'->>'id')::bigint",
                    "time_start", "(r->>'timeStart')::timestamptz",
                    "time_end", "(r->>'timeEnd')::timestamptz",
                    "actual_hours", "coalesce((r->>'actualHours')::numeric, 0)",
                    "hours_billed", "(r->>'hoursBilled')::numeric",
                    "last_updated", "(r->'_info'->>'lastUpdated')::timestamptz"), true, true));

    /** Agreement additions, read per agreement after each page of agreements. */
    static final ConnectWiseEntity ADDITIONS = new ConnectWiseEntity("agreement-additions",
            "/finance/agreements/{id}/additions", 41, "cw_agreement_additions", columns(
                    "agreement_id", "CAST(:parentId AS bigint)",
                    "product", "r->'product'->>'identifier'",
                    "quantity", "(r->>'quantity')::numeric",
                    "effective_date", "(r->>'effectiveDate')::timestamptz::date",
                    "cancelled_date", "(r->>'cancelledDate')::timestamptz::date"), false, false);

    /**
     * A ticket's status changes, read from its audit trail by {@link TicketHistorySource} after the tickets themselves
     * (a page is one ticket's status-change entries, the ticket id its parent). Audit entries have no id: the id is a
     * 60-bit hash of the ticket id and the entry, so an entry read again is the same row.
     */
    static final ConnectWiseEntity STATUS_CHANGES = new ConnectWiseEntity("ticket-history", "/system/audittrail", 65,
            "cw_ticket_status_changes", columns(
                    "id", "('x' || left(md5(CAST(:parentId AS text) || '|' || r::text), 15))::bit(60)::bigint",
                    "ticket_id", "CAST(:parentId AS bigint)",
                    "changed_at", "(r->>'enteredDate')::timestamptz",
                    "changed_by", "r->>'enteredBy'",
                    "from_status", "(regexp_match(r->>'text', '" + TicketHistorySource.STATUS_CHANGE_SQL + "', 'i'))[1]",
                    "to_status", "(regexp_match(r->>'text', '" + TicketHistorySource.STATUS_CHANGE_SQL + "', 'i'))[2]"),
            false, false);

    /**
     * One statement per page: insert or update every record of the JSON array {@code :page}, skipping
     * records whose raw JSON did not change (so re-reading an overlap costs no writes), and report
     * how many rows were inserted and how many changed.
     */
    String upsertSql() {
        String key = table.equals("cw_agreement_additions") ? "tenant_id, agreement_id, id" : "tenant_id, id";
        Map<String, String> all = new LinkedHashMap<>();
        all.put("id", "(r->>'id')::bigint");
        all.putAll(columns);
        String names = String.join(", ", all.keySet());
        String values = String.join(", ", all.values());
        String updates = all.keySet().stream().filter(c -> !c.equals("id") && !c.equals("agreement_id"))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return """
                WITH written AS (
                    INSERT INTO %1$s (tenant_id, %2$s, raw, synced_at, deleted_at)
                    SELECT :tenant, %3$s, r, now(), NULL FROM jsonb_array_elements(CAST(:page AS jsonb)) AS r
                    ON CONFLICT (%4$s) DO UPDATE SET %5$s, raw = EXCLUDED.raw, synced_at = now(), deleted_at = NULL
                    WHERE %1$s.raw IS DISTINCT FROM EXCLUDED.raw OR %1$s.deleted_at IS NOT NULL
                    RETURNING (xmax = 0) AS inserted)
                SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
                FROM written""".formatted(table, names, values, key, updates);
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
