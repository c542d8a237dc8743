package com.mspanalytics.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MspWorldTests {

    static final LocalDate END = LocalDate.of(2026, 11, 27);
    static final MspWorld TINY = MspWorld.generate(new WorldSpec(42, WorldSize.TINY, END));

    @Test
    void ledgerPlantsAFactForEveryKpi() {
        assertThat(TINY.ledger().kpis()).containsExactlyInAnyOrder("sales-opportunities", "client-training-needs",
                "tech-training-needs", "time-consumption", "agreement-mismatch", "improvement-projects",
                "tech-efficiency", "tech-profile", "tech-comparison", "project-impact", "ticket-trends", "soc-metrics");
        TINY.ledger().facts().forEach(System.out::println);
    }

    @Test
    void plantedNumbersMatchTheStory() {
        var ledger = TINY.ledger();
        var spike = ledger.factsFor("ticket-trends").get(0).expected();
        assertThat(spike.get("ratio")).isBetween(2.5, 5.0);
        assertThat(spike.get("z")).isGreaterThanOrEqualTo(2.0);
        assertThat(spike.get("count")).isGreaterThanOrEqualTo(5.0);
        var globex = ledger.factsFor("time-consumption").stream().filter(f -> f.kind().equals("hours-spike")).findFirst().orElseThrow();
        assertThat(globex.expected().get("changePct")).isGreaterThanOrEqualTo(50.0);
        assertThat(globex.expected().get("currentHours")).isGreaterThanOrEqualTo(5.0);
        assertThat(ledger.factsFor("agreement-mismatch").get(0).expected().get("outOfScopeShare")).isCloseTo(0.30, within(0.1));
        assertThat(ledger.factsFor("tech-training-needs").get(0).expected().get("ratio")).isBetween(1.6, 2.8);
        assertThat(ledger.factsFor("tech-training-needs").get(0).expected().get("n")).isGreaterThanOrEqualTo(5.0);
        var project = ledger.factsFor("project-impact").get(0).expected();
        assertThat(project).containsEntry("before", 15.0).containsEntry("after", 6.0).containsEntry("changePct", -60.0);
        assertThat(ledger.factsFor("soc-metrics").get(0).expected()).containsEntry("resolveMinutes", 540.0);
        assertThat(ledger.factsFor("tech-comparison").get(0).expected()).containsEntry("rankFromBottom", 1.0);
        assertThat(ledger.factsFor("improvement-projects").get(0).expected().get("roi")).isPositive();
        assertThat(ledger.factsFor("sales-opportunities").get(0).expected()).containsEntry("ticketCount", 7.0);
        assertThat(ledger.factsFor("client-training-needs").get(0).expected().get("share")).isGreaterThanOrEqualTo(0.3);
        assertThat(ledger.factsFor("tech-profile").get(0).expected().get("primaryShare")).isGreaterThan(0.6);
        assertThat(ledger.factsFor("tech-efficiency").get(0).expected().get("fcrRate")).isGreaterThan(0.5);
    }

    @Test
    void reopensAreFewOutsideThePlantAndNeverStraddleTheEndInstant() {
        var end = TINY.spec().endInstant();
        var tickets = TINY.tickets().toList();
        var reopened = tickets.stream().filter(t -> t.reopen() != null).toList();

        assertThat(reopened).isNotEmpty();
        assertThat(reopened).allSatisfy(t -> {
            assertThat(t.reopen().closedAt()).isAfter(t.respondedAt()).isBefore(t.reopen().reopenedAt());
            assertThat(t.reopen().reopenedAt()).isBefore(t.closedAt());
            assertThat(t.closedDateAt(end)).as("what the APIs show at the end instant is the final state")
                    .isEqualTo(t.isClosedAt(end) ? t.closedAt() : null);
        });
        long others = reopened.stream().filter(t -> !t.owner().identifier().equals(Catalog.TNGUYEN)).count();
        long othersAll = tickets.stream().filter(t -> !t.owner().identifier().equals(Catalog.TNGUYEN)).count();
        assertThat((double) others / othersAll).isLessThan(0.05);
        var fact = TINY.ledger().factsFor("tech-training-needs").stream().filter(f -> f.kind().equals("reopen-rate"))
                .findFirst().orElseThrow();
        assertThat(fact.keys()).containsEntry("tech", Catalog.TNGUYEN);
        assertThat(fact.expected().get("n")).isGreaterThanOrEqualTo(5.0);
        assertThat(fact.expected().get("reopenRate")).isGreaterThan(2 * fact.expected().get("teamReopenRate"));
    }

    @Test
    void defenderAlertsShareIncidentsAndAFewIncidentsAreMerged() {
        var alerts = TINY.securityEvents().stream().filter(e -> e.source() == SecurityEvent.Source.DEFENDER).toList();
        long incidents = alerts.stream().map(SecurityEvent::incidentId).distinct().count();
        var merged = alerts.stream().filter(e -> e.mergedIncidentId() != null).toList();

        assertThat(incidents + merged.size()).isLessThan(alerts.size());
        assertThat(merged).isNotEmpty().hasSizeLessThan(alerts.size() / 10);
        var firstAlertOf = new HashMap<String, SecurityEvent>();
        alerts.forEach(e -> firstAlertOf.putIfAbsent(e.incidentId(), e));
        assertThat(merged).allSatisfy(e -> {
            assertThat(e.mergedIncidentId()).isNotEqualTo(e.incidentId());
            assertThat(firstAlertOf.get(e.incidentId()).client()).isEqualTo(e.client());
        });
    }

    @Test
    void sameSeedAndDateGiveTheSameWorldAndAnotherSeedDoesNot() {
        var again = MspWorld.generate(new WorldSpec(42, WorldSize.TINY, END));
        assertThat(again.bundles().map(Object::toString).toList()).isEqualTo(TINY.bundles().map(Object::toString).toList());
        assertThat(again.securityEvents()).isEqualTo(TINY.securityEvents());
        assertThat(again.ledger()).isEqualTo(TINY.ledger());
        var other = MspWorld.generate(new WorldSpec(43, WorldSize.TINY, END));
        assertThat(other.tickets().map(Ticket::dateEntered).toList()).isNotEqualTo(TINY.tickets().map(Ticket::dateEntered).toList());
    }

    @Test
    void statisticsArePlausible() {
        var tickets = TINY.tickets().toList();
        assertThat(tickets).hasSizeBetween(700, 1400);
        assertThat(tickets).allSatisfy(t -> assertThat(t.dateEntered()).isBefore(TINY.spec().endInstant()));
        double months = TINY.spec().size().weeks() * 7 / 30.4;
        Map<String, Long> perClient = tickets.stream().collect(Collectors.groupingBy(t -> t.client().identifier(), Collectors.counting()));
        assertThat(perClient).hasSize(30);
        perClient.values().forEach(n -> assertThat(n / months).isBetween(0.5, 20.0));
        var entries = TINY.timeEntries().toList();
        double hoursPerTicket = entries.stream().mapToDouble(TimeEntry::actualHours).sum() / tickets.size();
        assertThat(hoursPerTicket).isBetween(0.8, 3.0);
        assertThat((double) entries.size() / tickets.size()).isBetween(2.0, 4.0);
        var rated = TINY.reviews().filter(r -> r.rating() != null).toList();
        double positive = rated.stream().filter(r -> r.rating() == 1).count() / (double) rated.size();
        assertThat(positive).isBetween(0.86, 0.97);
        var p3 = tickets.stream().filter(t -> t.priority() == Priority.P3).map(Ticket::resolutionHours).sorted().toList();
        assertThat(p3.get(p3.size() / 2)).isBetween(8.0, 40.0);
        var events = TINY.securityEvents();
        assertThat(events).isNotEmpty();
        events.stream().filter(e -> !e.severity().equals("critical")).forEach(e -> {
            int[] sla = SecurityEventGenerator.SLA_MINUTES.get(e.severity());
            assertThat(e.acknowledgedAt().getEpochSecond() - e.createdAt().getEpochSecond()).isLessThanOrEqualTo(sla[0] * 60L);
            assertThat(e.resolvedAt().getEpochSecond() - e.createdAt().getEpochSecond()).isLessThanOrEqualTo(sla[1] * 60L);
        });
    }

    /**
     * KPI 07's utilization recomputed from the time entries: a tech's billable hours in a full Monday–Sunday week (by
     * entry start, UTC) over 5 × their daily capacity. Nobody works more than about their week, in any week of the test
     * world or of the demo world, whose latest week carries the planted spike; the demo world is busy but not idle.
     */
    @Test
    void everyTechsWeekFitsTheirCapacity() {
        for (WorldSize size : List.of(WorldSize.TINY, WorldSize.SMALL)) {
            var world = size == WorldSize.TINY ? TINY : MspWorld.generate(new WorldSpec(42, size, END));
            Map<String, Map<LocalDate, Double>> billable = new HashMap<>();
            world.timeEntries().filter(e -> e.billableOption() == BillableOption.Billable).forEach(e -> {
                LocalDate monday = LocalDate.ofInstant(e.timeStart(), ZoneOffset.UTC).with(DayOfWeek.MONDAY);
                billable.computeIfAbsent(e.member().identifier(), k -> new HashMap<>()).merge(monday, e.actualHours(), Double::sum);
            });
            var utilizations = new ArrayList<Double>();
            var over = new ArrayList<String>();
            LocalDate firstMonday = world.spec().startDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            LocalDate end = world.spec().endDate();
            for (Tech tech : world.catalog().techs()) {
                for (LocalDate monday = firstMonday; !monday.plusWeeks(1).isAfter(end); monday = monday.plusWeeks(1)) {
                    double hours = billable.getOrDefault(tech.identifier(), Map.of()).getOrDefault(monday, 0.0);
                    double utilization = hours / (5 * tech.dailyCapacity());
                    utilizations.add(utilization);
                    if (utilization > 1.1) over.add(tech.identifier() + " in the week of " + monday + ": " + utilization);
                }
            }
            assertThat(over).as(size.name()).isEmpty();
            if (size == WorldSize.SMALL) assertThat(LedgerBuilder.median(utilizations)).isBetween(0.6, 0.95);
        }
    }

    @Test
    void onlyTheSpikeAndItsLedgerConsequencesAreWeeklyAnomalies() {
        for (WorldSize size : List.of(WorldSize.TINY, WorldSize.SMALL)) {
            var world = size == WorldSize.TINY ? TINY : MspWorld.generate(new WorldSpec(42, size, END));
            LocalDate calm = Plants.calmWeekStart(world.spec());
            Map<String, int[]> weekly = new HashMap<>();
            world.tickets().forEach(t -> {
                long diff = calm.toEpochDay() + 6 - LocalDate.ofInstant(t.dateEntered(), ZoneOffset.UTC).toEpochDay();
                if (diff < 0 || diff >= 13 * 7) return;
                String client = t.client().identifier(), domain = t.category().domain();
                for (String key : List.of("client=" + client, "domain=" + domain, "client=" + client + ", domain=" + domain)) {
                    weekly.computeIfAbsent(key, k -> new int[13])[(int) (diff / 7)]++;
                }
            });
            var anomalous = new java.util.TreeSet<String>();
            weekly.forEach((key, counts) -> {
                double[] base = new double[12];
                for (int i = 0; i < 12; i++) base[i] = counts[i + 1];
                double mean = LedgerBuilder.mean(base), sd = LedgerBuilder.stddev(base, mean);
                boolean big = counts[0] >= 5 || mean >= 5;
                if (big && sd > 0 && Math.abs((counts[0] - mean) / sd) >= 2) anomalous.add(key);
            });
            var ledgered = new java.util.TreeSet<String>();
            world.ledger().factsFor("ticket-trends").forEach(f -> {
                String client = f.keys().get("client"), domain = f.keys().get("domain");
                ledgered.add(domain == null ? "client=" + client : client == null ? "domain=" + domain
                        : "client=" + client + ", domain=" + domain);
            });
            assertThat(anomalous).as(size.name()).isEqualTo(ledgered);
            anomalous.stream().filter(k -> k.startsWith("client=")).forEach(k -> assertThat(k).startsWith("client=Northwind"));
        }
    }

    @Test
    void onlyPlantedCategoriesRecurOrPayBack() {
        LocalDate asOf = TINY.spec().endDate();
        Map<String, Integer> perClientCategory = new HashMap<>();
        Map<String, Double> categoryHours = new HashMap<>();
        TINY.bundles().forEach(b -> {
            var t = b.ticket();
            LocalDate day = LocalDate.ofInstant(t.dateEntered(), ZoneOffset.UTC);
            double hours = b.timeEntries().stream().mapToDouble(TimeEntry::actualHours).sum();
            if (!day.isBefore(asOf.minusDays(89))) perClientCategory.merge(t.client().identifier() + "|" + t.category().key(), 1, Integer::sum);
            if (!day.isBefore(asOf.minusDays(179))) categoryHours.merge(t.category().key(), hours, Double::sum);
        });
        var recurring = perClientCategory.entrySet().stream().filter(e -> e.getValue() >= 5).map(Map.Entry::getKey).toList();
        assertThat(recurring).containsExactly(Catalog.INITECH + "|" + Plants.BACKUP_FAILED);
        // KPI 06 pays back when annualSaving > projectCost: hours * 365/180 * 60 * 0.6 > 40 * 60
        double breakEvenHours = 40.0 / 0.6 * 180 / 365;
        var payingBack = categoryHours.entrySet().stream().filter(e -> e.getValue() > breakEvenHours).map(Map.Entry::getKey).toList();
        assertThat(payingBack).containsExactly(Plants.PRINTER_STUCK);
    }

    @Test
    void onlyThePlantedClientNeedsTrainingOnceSmallSamplesAreIgnored() {
        LocalDate from = TINY.spec().endDate().minusDays(89);
        Map<String, Integer> training = new HashMap<>();
        Map<String, Set<Integer>> active = new HashMap<>();
        TINY.tickets().filter(t -> !LocalDate.ofInstant(t.dateEntered(), ZoneOffset.UTC).isBefore(from)).forEach(t -> {
            active.computeIfAbsent(t.client().identifier(), k -> new java.util.HashSet<>()).add(t.contact().id());
            if (Plants.isTraining(t.category())) training.merge(t.client().identifier(), 1, Integer::sum);
        });
        var rates = new ArrayList<Double>();
        active.forEach((c, contacts) -> rates.add(training.getOrDefault(c, 0) / (double) contacts.size()));
        double median = LedgerBuilder.median(rates);
        var flagged = active.keySet().stream().filter(c -> training.getOrDefault(c, 0) >= 5)
                .filter(c -> training.get(c) / (double) active.get(c).size() / median >= 2).toList();
        assertThat(flagged).containsExactly(Catalog.UMBRELLA);
        var fact = TINY.ledger().factsFor("client-training-needs").stream().filter(f -> f.kind().equals("training-client")).findFirst().orElseThrow();
        assertThat(fact.expected().get("ratio")).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void cleanTimeEntriesAreCoveredByTheirAgreement() {
        List<String> outOfScope = new ArrayList<>();
        TINY.bundles().forEach(b -> b.timeEntries().forEach(e -> {
            if (!e.agreement().covers(b.ticket().board(), e.workType())) outOfScope.add(e.client().identifier());
        }));
        assertThat(Set.copyOf(outOfScope)).containsExactly(Catalog.CONTOSO);
    }

    /** Opt-in (-Dsimulator.benchmark=true): ~10 s of generation is too much for every test run. */
    @Test
    void largeWorldStreamsAMillionTickets() {
        Assumptions.assumeTrue(Boolean.getBoolean("simulator.benchmark"), "set -Dsimulator.benchmark=true to run");
        var result = GenerationBenchmark.measure(new WorldSpec(7, WorldSize.LARGE, END));
        System.out.println(result);
        assertThat(result.tickets()).isBetween(900_000L, 1_200_000L);
        assertThat(result.timeEntries()).isBetween(2_700_000L, 3_300_000L);
    }
}
