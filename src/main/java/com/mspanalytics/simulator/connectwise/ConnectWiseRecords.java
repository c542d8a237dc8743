package com.mspanalytics.simulator.connectwise;

import static java.time.ZoneOffset.UTC;

import com.mspanalytics.simulator.world.Agreement;
import com.mspanalytics.simulator.world.AgreementType;
import com.mspanalytics.simulator.world.Addition;
import com.mspanalytics.simulator.world.Board;
import com.mspanalytics.simulator.world.Client;
import com.mspanalytics.simulator.world.Contact;
import com.mspanalytics.simulator.world.Priority;
import com.mspanalytics.simulator.world.Project;
import com.mspanalytics.simulator.world.Tech;
import com.mspanalytics.simulator.world.Ticket;
import com.mspanalytics.simulator.world.TicketBundle;
import com.mspanalytics.simulator.world.TimeEntry;
import com.mspanalytics.simulator.world.WorldView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * World records in ConnectWise's JSON shapes (companies, contacts, members, boards, agreements, projects, tickets,
 * time entries, audit trails): reference objects with {@code _info} hrefs, UTC datetimes without fractions,
 * explicit nulls, and status derived from the clock.
 */
final class ConnectWiseRecords {

    static final String[] STATUSES = {"New", "In Progress", "Waiting Customer", "Closed"};
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String root;

    ConnectWiseRecords(String root) {
        this.root = root;
    }

    ObjectNode ticket(TicketBundle bundle, WorldView view) {
        Ticket t = bundle.ticket();
        Instant now = view.now();
        Instant closedDate = t.closedDateAt(now);     // the current close: a reopened ticket was closed once before
        boolean closed = closedDate != null;
        boolean responded = !t.respondedAt().isAfter(now);
        int statusIndex = closed ? 3 : responded ? 1 : 0;
        double actualHours = bundle.timeEntries().stream().filter(e -> !e.timeEnd().isAfter(now))
                .mapToDouble(TimeEntry::actualHours).sum();
        var n = F.objectNode();
        n.put("id", t.id());
        n.put("summary", t.summary());
        n.put("recordType", "ServiceTicket");
        n.set("board", board(t.board()));
        n.set("status", status(t.board(), statusIndex));
        n.set("company", company(t.client()));
        n.set("contact", ref(t.contact().id(), "name", t.contact().name(), "contact_href", "/company/contacts/" + t.contact().id()));
        n.put("contactName", t.contact().name());
        n.put("contactEmailAddress", t.contact().email());
        n.set("type", idName(t.category().typeId(), t.category().type()));
        n.set("subType", idName(t.category().subTypeId(), t.category().subType()));
        n.set("item", idName(t.category().itemId(), t.category().item()));
        n.set("team", idName(t.board().id(), t.board().displayName() + " Team"));
        n.set("owner", member(t.owner()));
        n.set("priority", priority(t.priority()));
        n.set("source", idName(t.source().hashCode() & 0xff, t.source()));
        n.put("severity", "Medium");
        n.put("impact", t.priority().ordinal() <= 1 ? "High" : "Medium");
        n.set("agreement", agreementRef(t.agreement()));
        n.put("agreementType", t.agreement().type().displayName());
        n.putNull("budgetHours");
        n.put("actualHours", actualHours);
        n.put("closedDate", closed ? time(closedDate) : null);
        n.put("closedBy", closed ? t.owner().identifier() : null);
        n.put("closedFlag", closed);
        n.put("dateResponded", responded ? time(t.respondedAt()) : null);
        n.put("respondedBy", responded ? t.owner().identifier() : null);
        n.put("dateResolved", closed ? time(closedDate) : null);
        n.put("resolvedBy", closed ? t.owner().identifier() : null);
        n.put("billTime", "NoDefault");
        n.put("resources", t.owner().identifier());
        n.putNull("parentTicketId");
        var info = info(t.dateEntered(), view.lastUpdated(bundle), t.owner().identifier());
        info.put("enteredBy", t.contact().email());
        n.set("_info", info);
        return n;
    }

    ObjectNode timeEntry(TimeEntry e, Ticket ticket) {
        var n = F.objectNode();
        n.put("id", e.id());
        n.set("company", company(e.client()));
        n.put("companyType", "Client");
        n.put("chargeToId", e.ticketId());
        n.put("chargeToType", "ServiceTicket");
        n.set("member", member(e.member()));
        n.set("workType", idName(e.workType().id(), e.workType().displayName()));
        n.set("workRole", idName(e.member().title().hashCode() & 0xff, e.workRole()));
        n.set("agreement", agreementRef(e.agreement()));
        n.put("agreementType", e.agreement().type().displayName());
        var ticketRef = ref(e.ticketId(), "summary", ticket.summary(), "ticket_href", "/service/tickets/" + e.ticketId());
        n.set("ticket", ticketRef);
        n.put("ticketBoard", ticket.board().displayName());
        n.put("ticketType", ticket.category().type());
        n.put("ticketSubType", ticket.category().subType());
        n.put("timeStart", time(e.timeStart()));
        n.put("timeEnd", time(e.timeEnd()));
        n.put("hoursDeduct", 0.0);
        n.put("actualHours", e.actualHours());
        n.put("hoursBilled", e.billableOption().name().equals("Billable") ? e.actualHours() : 0.0);
        n.put("billableOption", e.billableOption().name());
        n.put("notes", e.notes());
        n.put("status", "Billed");
        n.put("enteredBy", e.member().identifier());
        n.put("dateEntered", time(e.timeEnd()));
        n.set("_info", info(e.timeEnd(), e.timeEnd(), e.member().identifier()));
        return n;
    }

    ObjectNode company(Client c, LocalDate since) {
        var n = company(c);
        n.set("status", idName(1, "Active"));
        n.put("addressLine1", (100 + c.id() % 800) + " King Street");
        n.put("city", c.city());
        n.put("country", "Canada");
        n.put("phoneNumber", "416555" + (1000 + c.id() % 9000));
        n.put("website", "www." + c.identifier().toLowerCase() + ".example");
        n.set("market", idName(c.industry().hashCode() & 0xff, c.industry()));
        n.put("numberOfEmployees", c.employees());
        var types = F.arrayNode();
        types.add(idName(1, "Client"));
        n.set("types", types);
        n.put("deletedFlag", false);
        n.set("_info", info(since.atStartOfDay().toInstant(UTC),
                since.atStartOfDay().toInstant(UTC), "admin"));
        return n;
    }

    ObjectNode contact(Contact c, Client client) {
        var n = F.objectNode();
        n.put("id", c.id());
        n.put("firstName", c.firstName());
        n.put("lastName", c.lastName());
        n.set("company", company(client));
        var items = F.arrayNode();
        var email = F.objectNode();
        email.set("type", idName(1, "Email"));
        email.put("value", c.email());
        email.put("communicationType", "Email");
        items.add(email);
        n.set("communicationItems", items);
        n.put("inactiveFlag", false);
        return n;
    }

    ObjectNode member(Tech t, LocalDate hired) {
        var n = F.objectNode();
        n.put("id", t.id());
        n.put("identifier", t.identifier());
        n.put("firstName", t.firstName());
        n.put("lastName", t.lastName());
        n.put("officeEmail", t.identifier() + "@msp.example");
        n.put("primaryEmail", t.identifier() + "@msp.example");
        n.put("title", t.title());
        n.put("inactiveFlag", false);
        n.put("licenseClass", "F");
        n.set("workRole", idName(t.title().hashCode() & 0xff, t.workRole()));
        n.put("dailyCapacity", t.dailyCapacity());
        n.put("hireDate", time(hired.atStartOfDay().toInstant(UTC)));
        n.set("_info", info(hired.atStartOfDay().toInstant(UTC),
                hired.atStartOfDay().toInstant(UTC), "admin"));
        return n;
    }

    ObjectNode boardRecord(Board b) {
        var n = board(b);
        n.put("location", "Toronto");
        n.put("department", b == Board.PROJECTS ? "Projects" : "Service");
        n.put("inactiveFlag", false);
        n.put("projectFlag", b == Board.PROJECTS);
        return n;
    }

    List<ObjectNode> boardStatuses(Board b) {
        var list = new ArrayList<ObjectNode>();
        for (int i = 0; i < STATUSES.length; i++) {
            var n = status(b, i);
            n.set("board", board(b));
            n.put("sortOrder", i);
            n.put("inactive", false);
            n.put("closedStatus", i == 3);
            n.put("defaultFlag", i == 0);
            n.put("escalationStatus", "NotResponded");
            n.put("timeEntryNotAllowed", i == 3);
            list.add(n);
        }
        return list;
    }

    ObjectNode priorityRecord(Priority p) {
        var n = priority(p);
        n.put("color", new String[] {"red", "orange", "green", "blue"}[p.ordinal()]);
        n.put("defaultFlag", p == Priority.P3);
        return n;
    }

    ObjectNode agreement(Agreement a, Client client) {
        var n = F.objectNode();
        n.put("id", a.id());
        n.put("name", a.name());
        n.set("type", idName(a.type().id(), a.type().displayName()));
        n.set("company", company(client));
        n.put("startDate", time(a.startDate().atStartOfDay().toInstant(UTC)));
        n.putNull("endDate");
        n.put("noEndingDateFlag", true);
        n.put("cancelledFlag", false);
        n.put("agreementStatus", "Active");
        boolean managed = a.type() == AgreementType.MANAGED_SERVICES;
        n.put("applicationUnits", a.type() == AgreementType.BLOCK_HOURS ? "Hours" : "Amount");
        n.put("applicationLimit", a.type() == AgreementType.BLOCK_HOURS ? 40.0 : 0.0);
        n.put("applicationUnlimitedFlag", managed);
        n.put("applicationCycle", "CalendarMonth");
        n.put("coverAgreementTime", a.type() != AgreementType.TIME_AND_MATERIALS);
        n.put("coverAgreementProduct", false);
        n.put("coverAgreementExpense", false);
        n.put("billAmount", a.billAmount());
        n.put("billTime", "Billable");
        n.put("periodType", "Current");
        n.set("_info", info(a.startDate().atStartOfDay().toInstant(UTC),
                a.startDate().atStartOfDay().toInstant(UTC), "admin"));
        return n;
    }

    ObjectNode addition(Addition a) {
        var n = F.objectNode();
        n.put("id", a.id());
        var product = F.objectNode();
        product.put("id", 40 + (a.product().hashCode() & 0xff));
        product.put("identifier", a.product());
        n.set("product", product);
        n.put("quantity", a.quantity());
        n.put("lessIncluded", 0.0);
        n.put("unitPrice", a.unitPrice());
        n.put("billCustomer", "Billable");
        n.put("effectiveDate", time(a.effectiveDate().atStartOfDay().toInstant(UTC)));
        n.putNull("cancelledDate");
        n.put("description", a.product());
        n.put("agreementId", a.agreementId());
        n.put("extPrice", a.unitPrice() * a.quantity());
        n.put("agreementStatus", "Active");
        return n;
    }

    ObjectNode agreementType(AgreementType t) {
        var n = idName(t.id(), t.displayName());
        n.put("coverAgreementTimeFlag", t != AgreementType.TIME_AND_MATERIALS);
        n.put("coverAgreementProductFlag", false);
        n.put("coverAgreementExpenseFlag", false);
        n.put("prePaymentFlag", t == AgreementType.BLOCK_HOURS);
        n.put("inactiveFlag", false);
        return n;
    }

    ObjectNode project(Project p, Client client, WorldView view) {
        Instant now = view.now();
        boolean closed = p.closed() && !p.actualEnd().atStartOfDay().toInstant(UTC).isAfter(now);
        var n = F.objectNode();
        n.put("id", p.id());
        n.put("name", p.name());
        n.set("board", board(Board.PROJECTS));
        n.set("company", company(client));
        n.set("status", idName(closed ? 3 : 1, closed ? "Closed" : "In Progress"));
        n.put("closedFlag", closed);
        n.set("manager", member(p.manager()));
        n.put("estimatedStart", day(p.actualStart()));
        n.put("estimatedEnd", day(p.actualEnd() != null ? p.actualEnd() : p.actualStart().plusDays(60)));
        n.put("actualStart", day(p.actualStart()));
        n.put("actualEnd", closed ? day(p.actualEnd()) : null);
        n.put("budgetHours", p.budgetHours());
        n.put("billingMethod", "FixedFee");
        n.put("description", "Domain: " + p.domain());
        n.set("_info", info(p.actualStart().atStartOfDay().toInstant(UTC),
                closed ? p.actualEnd().atStartOfDay().toInstant(UTC)
                        : p.actualStart().atStartOfDay().toInstant(UTC), "admin"));
        return n;
    }

    /**
     * A project's phase as ConnectWise's {@code /project/tickets} shows it: a ticket with {@code recordType}
     * ProjectTicket, its project and phase, on the Projects board, typed "Project" with the project's domain as
     * subType. It is closed once its phase has ended, except the last phase of a project still open.
     */
    ObjectNode projectTicket(Project p, Project.Phase phase, Client client, WorldView view) {
        Instant entered = phase.start().atStartOfDay().toInstant(UTC);
        Instant done = phase.end().atStartOfDay().toInstant(UTC);
        boolean last = phase.name().equals(p.phases().get(p.phases().size() - 1).name());
        boolean closed = !done.isAfter(view.now()) && (!last || p.closed());
        var n = F.objectNode();
        n.put("id", phase.ticketId());
        n.put("summary", phase.name() + ": " + p.name());
        n.put("recordType", "ProjectTicket");
        n.set("project", ref(p.id(), "name", p.name(), "project_href", "/project/projects/" + p.id()));
        n.set("phase", idName((int) (phase.ticketId() % 1_000_000), phase.name()));
        n.set("board", board(Board.PROJECTS));
        n.set("status", status(Board.PROJECTS, closed ? 3 : 1));
        n.set("company", company(client));
        n.set("type", idName(900, "Project"));
        n.set("subType", idName(900 + Math.abs(p.domain().hashCode() % 100), p.domain()));
        n.set("owner", member(p.manager()));
        n.put("closedDate", closed ? time(done) : null);
        n.put("closedFlag", closed);
        n.put("isIssueFlag", false);
        n.put("billTime", "NoDefault");
        n.set("_info", info(entered, closed ? done : entered, p.manager().identifier()));
        return n;
    }

    /**
     * The ticket's audit trail ({@code /system/audittrail}), oldest first: its creation, a note for each time entry,
     * and its status changes, a reopen among them (Closed → In Progress).
     */
    ArrayNode auditTrail(TicketBundle bundle, WorldView view) {
        Ticket t = bundle.ticket();
        Instant now = view.now();
        var list = F.arrayNode();
        list.add(audit("Ticket has been created.", t.dateEntered(), t.contact().email(), "Ticket"));
        if (!t.respondedAt().isAfter(now)) {
            list.add(audit("Status has been changed from \"New\" to \"In Progress\".", t.respondedAt(), t.owner().identifier(), "Status"));
        }
        var entries = bundle.timeEntries();
        for (int i = 0; i < entries.size(); i++) {
            TimeEntry e = entries.get(i);
            if (t.reopen() != null && i == 1) reopen(list, t, now);
            if (!e.timeEnd().isAfter(now)) {
                list.add(audit("Time entry " + e.id() + " has been added (" + e.actualHours() + " h).", e.timeEnd(),
                        e.member().identifier(), "Time"));
            }
        }
        if (t.isClosedAt(now)) {
            list.add(audit("Status has been changed from \"In Progress\" to \"Closed\".", t.closedAt(), t.owner().identifier(), "Status"));
        }
        return list;
    }

    /** Between the first and the second time entry: the close that did not hold, and the reopen. */
    private void reopen(ArrayNode list, Ticket t, Instant now) {
        if (!t.reopen().closedAt().isAfter(now)) {
            list.add(audit("Status has been changed from \"In Progress\" to \"Closed\".", t.reopen().closedAt(),
                    t.owner().identifier(), "Status"));
        }
        if (!t.reopen().reopenedAt().isAfter(now)) {
            list.add(audit("Status has been changed from \"Closed\" to \"In Progress\".", t.reopen().reopenedAt(),
                    t.contact().email(), "Status"));
        }
    }

    private ObjectNode audit(String text, Instant at, String by, String subType) {
        var n = F.objectNode();
        n.put("text", text);
        n.put("enteredDate", time(at));
        n.put("enteredBy", by);
        n.put("auditType", "Ticket");
        n.put("auditSubType", subType);
        n.put("auditSource", "PSA");
        return n;
    }

    private ObjectNode company(Client c) {
        return ref(c.id(), "identifier", c.identifier(), "company_href", "/company/companies/" + c.id()).put("name", c.name());
    }

    private ObjectNode member(Tech t) {
        var n = ref(t.id(), "identifier", t.identifier(), "member_href", "/system/members/" + t.id());
        n.put("name", t.name());
        n.put("dailyCapacity", t.dailyCapacity());
        return n;
    }

    private ObjectNode board(Board b) {
        return ref(b.id(), "name", b.displayName(), "board_href", "/service/boards/" + b.id());
    }

    private ObjectNode status(Board b, int index) {
        var n = ref(b.id() * 10 + index, "name", STATUSES[index], "status_href",
                "/service/boards/" + b.id() + "/statuses/" + (b.id() * 10 + index));
        n.put("sort", index);
        return n;
    }

    private ObjectNode priority(Priority p) {
        var n = ref(p.id(), "name", p.displayName(), "priority_href", "/service/priorities/" + p.id());
        n.put("sort", p.id() * 2);
        n.put("level", "Priority" + p.id());
        return n;
    }

    private ObjectNode agreementRef(Agreement a) {
        var n = ref(a.id(), "name", a.name(), "agreement_href", "/finance/agreements/" + a.id());
        n.put("type", a.type().displayName());
        n.put("chargeFirmFlag", false);
        return n;
    }

    private ObjectNode ref(long id, String labelField, String label, String hrefName, String path) {
        var n = F.objectNode();
        n.put("id", id);
        n.put(labelField, label);
        var info = F.objectNode();
        info.put(hrefName, root + path);
        n.set("_info", info);
        return n;
    }

    private static ObjectNode idName(int id, String name) {
        var n = F.objectNode();
        n.put("id", id);
        n.put("name", name);
        return n;
    }

    private static ObjectNode info(Instant entered, Instant updated, String by) {
        var n = F.objectNode();
        n.put("lastUpdated", time(updated));
        n.put("updatedBy", by);
        n.put("dateEntered", time(entered));
        return n;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String day(LocalDate date) {
        return time(date.atStartOfDay().toInstant(UTC));
    }
}
