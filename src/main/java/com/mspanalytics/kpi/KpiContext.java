package com.mspanalytics.kpi;

import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything one computation may use: the tenant (already bound for RLS), its settings, the window
 * and the validated parameters.
 *
 * @param from first day of the window, inclusive, in the tenant's time zone
 * @param to last day of the window, inclusive
 * @param asOf the day the computation stands on (defaults to today in the tenant's zone)
 */
public record KpiContext(TenantId tenant, Settings settings, LocalDate from, LocalDate to, LocalDate asOf,
        Map<String, Object> params, JdbcClient jdbc) {

    /** The tenant settings a KPI reads, and its time zone. */
    public record Settings(TenantSettings tenant, ZoneId zone) {
    }

    public ZoneId zone() {
        return settings.zone();
    }

    /** Start of {@link #from} in the tenant's zone: compare timestamps {@code >= start}. */
    public Instant start() {
        return from.atStartOfDay(zone()).toInstant();
    }

    /** Start of the day after {@link #to}: compare timestamps {@code < end}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone()).toInstant();
    }

    public double number(String name) {
        return ((Number) params.get(name)).doubleValue();
    }

    public int integer(String name) {
        return ((Number) params.get(name)).intValue();
    }

    public String text(String name) {
        return (String) params.get(name);
    }

    public boolean flag(String name) {
        return (Boolean) params.get(name);
    }

    /**
     * SQL for a ticket's domain (docs/kpis.md: the ticket type by default, falling back to the board),
     * per the tenant's {@code domainField}, for a {@code cw_tickets} row aliased {@code alias}.
     */
    public String domainSql(String alias) {
        return switch (settings.tenant().domainField()) {
            case "subType" -> "coalesce(" + alias + ".subtype_name, " + alias + ".type_name, " + alias + ".board_name)";
            case "board" -> alias + ".board_name";
            default -> "coalesce(" + alias + ".type_name, " + alias + ".board_name)";
        };
    }

    /** SQL for a ticket's issue category: domain, subType and item joined by "/", empty parts dropped. */
    public String categorySql(String alias) {
        return "concat_ws('/', " + domainSql(alias) + ", nullif(" + alias + ".subtype_name, ''), nullif("
                + alias + ".item_name, ''))";
    }
}
