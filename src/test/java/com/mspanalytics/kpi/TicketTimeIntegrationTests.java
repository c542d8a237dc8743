package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.support.SyncedWorld;
import com.mspanalytics.support.TestDatabase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Time charged to a charge code is never a ticket's time, even when the charge code's id equals a ticket's id
 * (ConnectWise's ids are independent sequences). The tiny world is synced into a tenant of its own, every KPI that
 * attributes hours to tickets is computed, then every sixth ticket gets a charge-code twin carrying internal time
 * (1.25 h, NoCharge, "Admin", its client's, two hours after the ticket was entered), and every KPI is computed again.
 */
@KpiWorldTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketTimeIntegrationTests {

    /** KPIs whose figures must not move at all: they read time only through the tickets it is charged to. */
    static final List<String> TICKET_KPIS = List.of("sales-opportunities", "tech-training-needs",
            "improvement-projects", "tech-efficiency", "tech-profile", "project-impact");

    static final BigDecimal INTERNAL_HOURS = new BigDecimal("1.25");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    SyncedWorld world;
    Http http;
    final Map<String, JsonNode> before = new HashMap<>();
    final Map<String, JsonNode> after = new HashMap<>();
    /** The charge-code entries added: id → (client identifier, start). */
    final Map<Long, Map.Entry<String, Instant>> internal = new LinkedHashMap<>();

    @BeforeAll
    void computeWithAndWithoutChargeCodeTime() {
        world = SyncedWorld.syncInto(context, "Charge Code MSP");
        http = new Http(port, world.tenant().apiKey());
        for (String kpi : allKpis()) {
            before.put(kpi, compute(kpi));
        }
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
        var tenant = world.tenant().tenant().value();
        List<Map<String, Object>> twins = owner.sql("""
                SELECT t.id, t.company_id, t.owner_member_id, t.date_entered, c.identifier
                FROM (SELECT t.*, row_number() OVER (ORDER BY t.id) AS n FROM cw_tickets t WHERE t.tenant_id = ?) t
                JOIN cw_companies c ON c.tenant_id = t.tenant_id AND c.id = t.company_id
                WHERE n % 6 = 0""").param(tenant).query().listOfRows();
        assertThat(twins).hasSizeGreaterThan(100);
        long id = 900_000_000;
        for (Map<String, Object> t : twins) {
            Instant start = ((Timestamp) t.get("date_entered")).toInstant().plusSeconds(7200);
            owner.sql("""
                    INSERT INTO cw_time_entries (tenant_id, id, company_id, charge_to_type, charge_to_id, member_id,
                        work_type, billable_option, time_start, time_end, actual_hours, last_updated, raw)
                    VALUES (?, ?, ?, 'ChargeCode', ?, ?, 'Admin', 'NoCharge', ?, ?, ?, ?, '{}')""")
                    .params(tenant, ++id, t.get("company_id"), t.get("id"), t.get("owner_member_id"),
                            Timestamp.from(start), Timestamp.from(start.plusSeconds(4500)), INTERNAL_HOURS,
                            Timestamp.from(start))
                    .update();
            internal.put(id, Map.entry((String) t.get("identifier"), start));
        }
        for (String kpi : allKpis()) {
            after.put(kpi, compute(kpi));
        }
    }

    @Test
    void kpisThatAttributeHoursToTicketsGiveIdenticalFigures() {
        for (String kpi : TICKET_KPIS) {
            assertThat(before.get(kpi).path("rows").size()).as(kpi + " has rows to compare").isPositive();
            assertThat(after.get(kpi).path("summary")).as(kpi + " summary").isEqualTo(before.get(kpi).path("summary"));
            assertThat(after.get(kpi).path("rows")).as(kpi + " rows").isEqualTo(before.get(kpi).path("rows"));
        }
    }

    @Test
    void timeConsumptionCountsTheInternalTimeForTheClientOnNoTicket() {
        JsonNode was = before.get("time-consumption").path("summary");
        JsonNode now = after.get("time-consumption").path("summary");
        LocalDate from = LocalDate.parse(now.path("totalsFrom").asString());
        LocalDate to = LocalDate.parse(now.path("totalsTo").asString());
        Map<String, BigDecimal> added = internal.values().stream()
                .filter(e -> !day(e.getValue()).isBefore(from) && !day(e.getValue()).isAfter(to))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.reducing(BigDecimal.ZERO, e -> INTERNAL_HOURS, BigDecimal::add)));
        BigDecimal total = added.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).as("some internal time falls in the totals' weeks").isPositive();

        assertThat(now.path("totalHours").decimalValue())
                .isEqualByComparingTo(was.path("totalHours").decimalValue().add(total));
        Map<String, BigDecimal> clientsWas = hours(was.path("totals").path("client"), "client");
        Map<String, BigDecimal> clientsNow = hours(now.path("totals").path("client"), "client");
        clientsNow.forEach((client, hours) -> assertThat(hours).as(client)
                .isEqualByComparingTo(clientsWas.getOrDefault(client, BigDecimal.ZERO)
                        .add(added.getOrDefault(client, BigDecimal.ZERO))));
        Map<String, BigDecimal> domainsWas = hours(was.path("totals").path("domain"), "domain");
        Map<String, BigDecimal> domainsNow = hours(now.path("totals").path("domain"), "domain");
        assertThat(domainsNow.get("(no ticket)")).isEqualByComparingTo(
                domainsWas.getOrDefault("(no ticket)", BigDecimal.ZERO).add(total));
        domainsWas.forEach((domain, hours) -> {
            if (!domain.equals("(no ticket)")) {
                assertThat(domainsNow.get(domain)).as(domain).isEqualByComparingTo(hours);
            }
        });
    }

    @Test
    void agreementMismatchJudgesTheInternalTimeWithoutATicketAndLeavesTheRestAlone() {
        Map<Long, JsonNode> was = entries(before.get("agreement-mismatch"));
        Map<Long, JsonNode> now = entries(after.get("agreement-mismatch"));
        Set<Long> added = now.keySet().stream().filter(internal::containsKey).collect(Collectors.toSet());
        assertThat(added).as("the internal NoCharge time outside coverage is judged").isNotEmpty();
        for (Long id : added) {
            assertThat(now.get(id).path("ticketId").isNull()).as(now.get(id).toString()).isTrue();
            assertThat(now.get(id).path("board").isNull()).as(now.get(id).toString()).isTrue();
        }
        now.keySet().removeAll(added);
        assertThat(now).isEqualTo(was);
    }

    private JsonNode compute(String kpi) {
        var response = http.post("/compute/kpi/" + kpi, "{\"asOf\":\"" + SyncedWorld.END_DATE + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static List<String> allKpis() {
        var all = new java.util.ArrayList<>(TICKET_KPIS);
        all.addAll(List.of("time-consumption", "agreement-mismatch"));
        return all;
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Map<String, BigDecimal> hours(JsonNode rows, String key) {
        Map<String, BigDecimal> map = new HashMap<>();
        rows.forEach(r -> map.put(r.path(key).asString(), r.path("hours").decimalValue()));
        return map;
    }

    /** Every judged entry of an agreement-mismatch result by id. */
    private static Map<Long, JsonNode> entries(JsonNode result) {
        Map<Long, JsonNode> map = new HashMap<>();
        result.path("rows").forEach(row -> row.path("entries").forEach(e -> map.put(e.path("id").asLong(), e)));
        return map;
    }
}
