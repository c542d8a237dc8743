package com.mspanalytics.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import com.mspanalytics.simulator.world.Board;
import com.mspanalytics.simulator.world.TicketBundle;
import com.mspanalytics.simulator.world.WorldView;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ConnectWiseSimulatorTests {

    static final Simulators SIM = TestSimulators.SHARED;
    static final String ROOT = SIM.connectWise().apiRoot();

    static String[] auth() {
        var s = SIM.connectorSettings().get("connectwise");
        String basic = Base64.getEncoder().encodeToString((s.get("companyId") + "+" + s.get("publicKey") + ":" + s.get("privateKey"))
                .getBytes(StandardCharsets.UTF_8));
        return new String[] {"Authorization", "Basic " + basic, "clientId", s.get("clientId"),
                "Accept", "application/vnd.connectwise.com+json; version=2019.1"};
    }

    static HttpResponse<String> get(String pathAndQuery, String... extraHeaders) {
        String[] headers = Stream.concat(Stream.of(auth()), Stream.of(extraHeaders)).toArray(String[]::new);
        return Http.get(ROOT + pathAndQuery, headers);
    }

    /** Every id matching the conditions, walked with forward-only paging. */
    static List<Long> allIds(String path, String conditions) {
        var ids = new ArrayList<Long>();
        String url = ROOT + path + "?pageSize=200&conditions=" + Http.encode(conditions);
        while (url != null) {
            var response = Http.get(url, Stream.concat(Stream.of(auth()), Stream.of("pagination-type", "forward-only")).toArray(String[]::new));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var page = Http.json(response);
            if (page.isEmpty()) break;
            page.forEach(r -> ids.add(r.get("id").asLong()));
            url = Http.nextLink(response);
        }
        return ids;
    }

    static Stream<Arguments> ticketConditions() {
        Instant nov20 = Instant.parse("2026-11-20T00:00:00Z"), apr1 = Instant.parse("2026-04-01T00:00:00Z");
        return Stream.of(
                row("closedFlag = True", (b, v) -> b.ticket().isClosedAt(v.now())),
                row("board/name = \"Network\"", (b, v) -> b.ticket().board() == Board.NETWORK),
                row("Board/Name = \"network\"", (b, v) -> b.ticket().board() == Board.NETWORK),
                row("company/identifier=\"Northwind\" AND priority/id = 3",
                        (b, v) -> b.ticket().client().identifier().equals("Northwind") && b.ticket().priority().id() == 3),
                row("(board/name=\"Network\" OR board/name=\"SOC\") and owner/identifier != \"jsmith\"",
                        (b, v) -> (b.ticket().board() == Board.NETWORK || b.ticket().board() == Board.SOC)
                                && !b.ticket().owner().identifier().equals("jsmith")),
                row("summary contains \"laptop\"", (b, v) -> lower(b.ticket().summary()).contains("laptop")),
                row("summary like \"Print*\"", (b, v) -> lower(b.ticket().summary()).startsWith("print")),
                row("summary LIKE \"%jobs\"", (b, v) -> lower(b.ticket().summary()).endsWith("jobs")),
                row("type/name in (\"Email\", \"Printer\")",
                        (b, v) -> List.of("Email", "Printer").contains(b.ticket().category().type())),
                row("summary not contains \"VPN\"", (b, v) -> !lower(b.ticket().summary()).contains("vpn")),
                row("NOT (board/name = \"Service Desk\")", (b, v) -> b.ticket().board() != Board.SERVICE_DESK),
                row("lastUpdated > [2026-11-20T00:00:00Z]", (b, v) -> v.lastUpdated(b).isAfter(nov20)),
                row("_info/lastUpdated >= [2026-11-20T00:00:00Z] AND closedFlag = false",
                        (b, v) -> !v.lastUpdated(b).isBefore(nov20) && !b.ticket().isClosedAt(v.now())),
                row("dateEntered < [2026-04-01T00:00:00Z]", (b, v) -> b.ticket().dateEntered().isBefore(apr1)),
                row("closedDate = null", (b, v) -> !b.ticket().isClosedAt(v.now())),
                row("id >= 10050 and id < 10060", (b, v) -> b.ticket().id() >= 10050 && b.ticket().id() < 10060),
                row("contact/name like \"Pat*\" AND company/identifier = \"Umbrella\"",
                        (b, v) -> b.ticket().contact().name().startsWith("Pat") && b.ticket().client().identifier().equals("Umbrella")),
                row("agreement/type = \"Time & Materials\" or priority/name contains \"Emergency\"",
                        (b, v) -> b.ticket().agreement().type().displayName().equals("Time & Materials") || b.ticket().priority().id() == 1));
    }

    static Arguments row(String conditions, BiPredicate<TicketBundle, WorldView> expected) {
        return Arguments.of(conditions, expected);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ticketConditions")
    void conditionsSelectExactlyTheMatchingTickets(String conditions, BiPredicate<TicketBundle, WorldView> expected) {
        WorldView view = SIM.live().view();
        var want = view.bundles().stream().filter(b -> expected.test(b, view)).map(b -> b.ticket().id()).toList();
        assertThat(want).as("a useful test row selects something").isNotEmpty();
        assertThat(allIds("/service/tickets", conditions)).containsExactlyElementsOf(want);
        var count = Http.json(get("/service/tickets/count?conditions=" + Http.encode(conditions)));
        assertThat(count.get("count").asInt()).isEqualTo(want.size());
    }

    @Test
    void timeEntriesOfATicketFollowTheDocumentedCondition() {
        var bundle = SIM.live().view().bundles().get(10);
        String conditions = "(chargeToType=\"ServiceTicket\" OR chargeToType=\"ProjectTicket\") AND chargeToId=" + bundle.ticket().id();
        assertThat(allIds("/time/entries", conditions))
                .containsExactlyElementsOf(bundle.timeEntries().stream().map(e -> e.id()).toList());
        var noCharge = SIM.live().view().timeEntries().stream()
                .filter(e -> e.member().identifier().equals("jsmith") && e.billableOption().name().equals("NoCharge"))
                .map(e -> e.id()).toList();
        assertThat(allIds("/time/entries", "member/identifier = \"jsmith\" and billableOption = \"NoCharge\"")).isEqualTo(noCharge);
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary = 'single quotes'", "noSuchField = 1", "board/name = ", "(closedFlag = True",
            "summary ~ \"x\"", "lastUpdated > [yesterday]", "closedFlag = True AND"})
    void refusesBadConditionsWithTheErrorShape(String conditions) {
        var response = get("/service/tickets?conditions=" + Http.encode(conditions));
        assertThat(response.statusCode()).isEqualTo(400);
        var body = Http.json(response);
        assertThat(body.get("code").asText()).isEqualTo("InvalidObject");
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("errors").isNull()).isTrue();
    }

    @Test
    void navigablePagingWalksToTheLastRecordWithLinkHeaders() {
        var want = SIM.live().view().bundles().stream().map(b -> b.ticket().id()).toList();
        var seen = new ArrayList<Long>();
        var first = get("/service/tickets?pageSize=100&page=1");
        assertThat(first.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"").contains("rel=\"last\"")
                .doesNotContain("rel=\"prev\"");
        String url = ROOT + "/service/tickets?pageSize=100&page=1";
        HttpResponse<String> last = null;
        while (url != null) {
            last = Http.get(url, auth());
            Http.json(last).forEach(r -> seen.add(r.get("id").asLong()));
            url = Http.nextLink(last);
        }
        assertThat(seen).containsExactlyElementsOf(want);
        assertThat(last.headers().firstValue("Link").orElseThrow()).contains("rel=\"first\"").contains("rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
        int pages = (want.size() + 99) / 100;
        assertThat(Http.json(get("/service/tickets?pageSize=100&page=" + (pages + 1)))).isEmpty();
        assertThat(Http.json(get("/service/tickets"))).hasSize(ListQuery.DEFAULT_PAGE_SIZE);
        assertThat(Http.json(get("/service/tickets?pageSize=5000"))).hasSize(Math.min(want.size(), 1000));
    }

    @Test
    void forwardOnlyPagingFollowsIdsAndRefusesOrderBy() {
        var want = SIM.live().view().timeEntries().stream().map(e -> e.id()).toList();
        assertThat(allIds("/time/entries", "")).containsExactlyElementsOf(want);
        var withOrder = get("/time/entries?orderBy=id%20desc", "pagination-type", "forward-only");
        assertThat(withOrder.statusCode()).isEqualTo(400);
    }

    @Test
    void orderByAndFieldsShapeTheResponse() {
        var page = Http.json(get("/service/tickets?orderBy=" + Http.encode("id desc") + "&fields=" + Http.encode("id,summary,board/name")));
        long maxId = SIM.live().view().bundles().stream().mapToLong(b -> b.ticket().id()).max().orElseThrow();
        JsonNode first = page.get(0);
        assertThat(first.get("id").asLong()).isEqualTo(maxId);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "summary", "board");
        assertThat(first.get("board").propertyNames()).containsExactly("name");
        var byOwner = Http.json(get("/service/tickets?orderBy=" + Http.encode("owner/identifier asc, id desc") + "&pageSize=1000"));
        var owners = new ArrayList<String>();
        byOwner.forEach(r -> owners.add(r.get("owner").get("identifier").asText()));
        assertThat(owners).isSorted();
    }

    @Test
    void servesTheDocumentedResources() {
        assertThat(Http.json(get("/company/companies/count")).get("count").asInt()).isEqualTo(30);
        assertThat(Http.json(get("/system/members?conditions=" + Http.encode("identifier = \"jsmith\""))).get(0)
                .get("dailyCapacity").asDouble()).isPositive();
        var statuses = Http.json(get("/service/boards/1/statuses"));
        assertThat(statuses.findValuesAsString("name")).contains("New", "Closed");
        int agreementId = SIM.world().catalog().client("Wayne").mainAgreement().id();
        var additions = Http.json(get("/finance/agreements/" + agreementId + "/additions"));
        assertThat(additions.findValuesAsString("identifier")).contains("Managed SOC");
        assertThat(Http.json(get("/finance/agreements/types"))).hasSize(3);
        assertThat(Http.json(get("/project/projects?conditions=" + Http.encode("closedFlag = true"))).get(0)
                .get("company").get("identifier").asText()).isEqualTo("Fabrikam");
        var ticket = SIM.live().view().bundles().stream().filter(b -> b.ticket().isClosedAt(SIM.now())).findFirst().orElseThrow().ticket();
        var one = Http.json(get("/service/tickets/" + ticket.id()));
        assertThat(one.get("summary").asText()).isEqualTo(ticket.summary());
        assertThat(one.get("_info").get("dateEntered").asText()).isEqualTo(ConnectWiseRecords.time(ticket.dateEntered()));
        var audit = Http.json(get("/system/audittrail?type=Ticket&id=" + ticket.id()));
        assertThat(audit.findValuesAsString("text")).last().asString().contains("to \"Closed\"");
        var missing = get("/service/tickets/99999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).get("code").asText()).isEqualTo("NotFound");
        assertThat(Http.get(SIM.baseUrl("connectwise") + "/v2025_1/apis/3.0/system/info", auth()).statusCode()).isEqualTo(200);
        var info = Http.json(Http.get(SIM.baseUrl("connectwise") + "/login/companyinfo/mspsim"));
        assertThat(info.get("Codebase").asText()).isEqualTo("v4_6_release/");
    }

    @Test
    void aReopenedTicketShowsItsFirstCloseThenItsReopenInStatusAndAuditTrail() {
        TicketBundle bundle = SIM.live().view().bundles().stream().filter(b -> b.ticket().reopen() != null).findFirst()
                .orElseThrow();
        var t = bundle.ticket();

        var audit = Http.json(get("/system/audittrail?type=Ticket&id=" + t.id() + "&pageSize=1000"));
        var statusChanges = new ArrayList<String>();
        audit.forEach(e -> {
            if (e.get("text").asText().startsWith("Status")) statusChanges.add(e.get("text").asText() + " @ " + e.get("enteredDate").asText());
        });
        assertThat(statusChanges).containsExactly(
                "Status has been changed from \"New\" to \"In Progress\". @ " + ConnectWiseRecords.time(t.respondedAt()),
                "Status has been changed from \"In Progress\" to \"Closed\". @ " + ConnectWiseRecords.time(t.reopen().closedAt()),
                "Status has been changed from \"Closed\" to \"In Progress\". @ " + ConnectWiseRecords.time(t.reopen().reopenedAt()),
                "Status has been changed from \"In Progress\" to \"Closed\". @ " + ConnectWiseRecords.time(t.closedAt()));
        assertThat(audit.findValuesAsString("auditSubType")).contains("Time");      // not every entry is a status change

        var records = new ConnectWiseRecords("http://sim");
        Instant betweenCloses = t.reopen().closedAt().plusSeconds(60);
        var firstClose = records.ticket(bundle, viewAt(betweenCloses));
        assertThat(firstClose.get("status").get("name").asText()).isEqualTo("Closed");
        assertThat(firstClose.get("closedDate").asText()).isEqualTo(ConnectWiseRecords.time(t.reopen().closedAt()));
        assertThat(firstClose.get("_info").get("lastUpdated").asText()).isEqualTo(ConnectWiseRecords.time(t.reopen().closedAt()));
        var reopened = records.ticket(bundle, viewAt(t.reopen().reopenedAt()));
        assertThat(reopened.get("status").get("name").asText()).isEqualTo("In Progress");
        assertThat(reopened.get("closedFlag").asBoolean()).isFalse();
        assertThat(reopened.get("_info").get("lastUpdated").asText()).isEqualTo(ConnectWiseRecords.time(t.reopen().reopenedAt()));
    }

    private static WorldView viewAt(Instant now) {
        var view = SIM.live().view();
        return new WorldView(view.version(), now, view.bundles(), view.byTicketId(), view.timeEntries(), view.reviews(),
                view.securityEvents());
    }

    @Test
    void refusesMissingOrWrongCredentialsLikeConnectWise() {
        var none = Http.get(ROOT + "/service/tickets");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Http.json(none).get("code").asText()).isEqualTo("Unauthorized");
        assertThat(Http.json(none).get("errors").isNull()).isTrue();
        String wrong = Base64.getEncoder().encodeToString("mspsim+pub:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(Http.get(ROOT + "/service/tickets", "Authorization", "Basic " + wrong, "clientId", "x").statusCode()).isEqualTo(401);
        String[] noClientId = {auth()[0], auth()[1]};
        assertThat(Http.get(ROOT + "/service/tickets", noClientId).statusCode()).isEqualTo(401);
        String limited = Base64.getEncoder().encodeToString(("mspsim+" + ConnectWiseSimulator.LIMITED_PUBLIC_KEY + ":"
                + ConnectWiseSimulator.LIMITED_PRIVATE_KEY).getBytes(StandardCharsets.UTF_8));
        var forbidden = Http.get(ROOT + "/finance/agreements", "Authorization", "Basic " + limited, "clientId", "x");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Http.json(forbidden).get("code").asText()).isEqualTo("Forbidden");
        assertThat(Http.get(ROOT + "/service/tickets", "Authorization", "Basic " + limited, "clientId", "x").statusCode()).isEqualTo(200);
    }

    @Test
    void searchTakesConditionsInTheBody() {
        String conditions = "company/identifier = \"Initech\"";
        var response = Http.post(ROOT + "/service/tickets/search?pageSize=1000",
                "{\"conditions\":" + Http.JSON.writeValueAsString(conditions) + "}", auth());
        var want = SIM.live().view().bundles().stream().filter(b -> b.ticket().client().identifier().equals("Initech")).count();
        assertThat(Http.json(response)).hasSize((int) want);
    }
}
