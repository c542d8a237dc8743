package com.mspanalytics.simulator.world;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SentinelOne threats and Defender alerts. Clean events are acknowledged and resolved well inside the
 * default SLA targets of docs/kpis.md (KPI 12) and stay under 5 a week per client, so only the planted
 * critical threat breaches; volume is low enough to hold every event in memory at any size.
 */
final class SecurityEventGenerator {

    /** Default SLA targets in minutes: {ack, resolve}. */
    static final Map<String, int[]> SLA_MINUTES = Map.of("critical", new int[] {15, 240}, "high", new int[] {60, 1440},
            "medium", new int[] {240, 4320}, "low", new int[] {1440, 10080}, "informational", new int[] {1440, 10080});
    static final int PLANTED_DAYS_BEFORE_END = 10;
    static final java.time.Duration INCIDENT_WINDOW = java.time.Duration.ofHours(48);
    static final java.time.Duration MERGE_WINDOW = java.time.Duration.ofDays(10);
    static final int MERGE_EVERY = 5;
    static final long PLANTED_RESOLVE_MINUTES = 9 * 60;

    private static final String[] S1_CLASSES = {"Malware", "Malware", "PUA", "PUA", "Trojan", "Exploit"};
    private static final String[] S1_FILES = {"invoice_%d.exe", "setup_%d.msi", "update_%d.js", "scan_%d.pdf.exe"};
    private static final String[] DEFENDER_TITLES = {"Suspicious PowerShell command line",
            "Malware was detected in an email message", "Atypical travel", "Suspicious execution of hidden file",
            "Unusual sign-in activity"};
    private static final String[] DEFENDER_SEVERITIES = {"informational", "low", "low", "medium", "medium", "high"};

    static List<SecurityEvent> generate(WorldSpec spec, Catalog catalog, LocalDate endExclusive) {
        var events = new ArrayList<SecurityEvent>();
        var rng = new SplittableRandom(TicketGenerator.mix(spec.seed(), 0x5EC));
        int s1 = 0, defender = 0;
        for (LocalDate week = spec.startDate(); week.isBefore(endExclusive); week = week.plusWeeks(1)) {
            for (Client client : catalog.clients()) {
                boolean soc = client.mainAgreement().additions().stream().anyMatch(a -> a.coveredBoard() == Board.SOC);
                int threats = TicketGenerator.poisson(rng, soc ? 0.35 : 0.1);
                for (int i = 0; i < threats; i++) {
                    Instant created = at(week, rng);
                    boolean malicious = rng.nextDouble() < 0.4;
                    String severity = malicious ? "high" : "medium";
                    String verdict = rng.nextDouble() < 0.7 ? "true_positive" : "false_positive";
                    events.add(event(String.valueOf(1_700_000_000_000_000_000L + 7919L * ++s1),
                            SecurityEvent.Source.SENTINELONE, client, severity,
                            String.format(S1_FILES[rng.nextInt(S1_FILES.length)], 1000 + rng.nextInt(9000)),
                            S1_CLASSES[rng.nextInt(S1_CLASSES.length)], verdict, device(client, rng), created, rng, null));
                }
                int alerts = TicketGenerator.poisson(rng, soc ? 0.5 : 0.15);
                for (int i = 0; i < alerts; i++) {
                    Instant created = at(week, rng);
                    double u = rng.nextDouble();
                    String classification = u < 0.55 ? "truePositive" : u < 0.75 ? "falsePositive" : "informationalExpectedActivity";
                    int n = ++defender;
                    events.add(event("da6385" + (10_000_000 + n) + "_" + (100_000 + rng.nextInt(900_000)),
                            SecurityEvent.Source.DEFENDER, client, DEFENDER_SEVERITIES[rng.nextInt(DEFENDER_SEVERITIES.length)],
                            DEFENDER_TITLES[rng.nextInt(DEFENDER_TITLES.length)], classification, classification,
                            device(client, rng), created, rng, String.valueOf(2000 + n)));
                }
            }
        }
        events.add(plantedCriticalThreat(spec, catalog));
        events.sort(Comparator.comparing(SecurityEvent::createdAt));
        return List.copyOf(groupIntoIncidents(events));
    }

    /**
     * Defender correlates a client's alerts into incidents: an alert raised within {@link #INCIDENT_WINDOW} of the
     * first alert of the client's latest incident joins it. Of the alerts that open a new incident although the
     * client's latest one is less than {@link #MERGE_WINDOW} old, every {@link #MERGE_EVERY}th is merged by an analyst
     * into that one ({@link SecurityEvent#mergedIncidentId}): the incident it opened becomes {@code redirected}.
     * Decided in creation order from earlier alerts only, so a longer world keeps every earlier incident as it was,
     * and without drawing random numbers, so every other field is the same as when each alert was its own incident.
     */
    private static List<SecurityEvent> groupIntoIncidents(List<SecurityEvent> events) {
        var grouped = new ArrayList<SecurityEvent>(events.size());
        Map<Integer, SecurityEvent> latestIncident = new java.util.HashMap<>();   // client id -> first alert of it
        int mergeCandidates = 0;
        for (SecurityEvent e : events) {
            if (e.source() != SecurityEvent.Source.DEFENDER) {
                grouped.add(e);
                continue;
            }
            SecurityEvent latest = latestIncident.get(e.client().id());
            long since = latest == null ? Long.MAX_VALUE : e.createdAt().getEpochSecond() - latest.createdAt().getEpochSecond();
            if (since <= INCIDENT_WINDOW.toSeconds()) {
                grouped.add(e.inIncident(latest.incidentId(), null));
            } else if (since <= MERGE_WINDOW.toSeconds() && ++mergeCandidates % MERGE_EVERY == 0) {
                grouped.add(e.inIncident(latest.incidentId(), e.incidentId()));
            } else {
                grouped.add(e);
                latestIncident.put(e.client().id(), e);
            }
        }
        return grouped;
    }

    /** Planted (KPI 12): a ransomware threat at Wayne acknowledged in 6 minutes and resolved after 9 hours. */
    private static SecurityEvent plantedCriticalThreat(WorldSpec spec, Catalog catalog) {
        Client wayne = catalog.client(Catalog.WAYNE);
        Instant created = spec.endDate().minusDays(PLANTED_DAYS_BEFORE_END).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(2 * 3600 + 14 * 60);
        return new SecurityEvent("1699999999999999999", SecurityEvent.Source.SENTINELONE, wayne, "critical",
                "payroll_update.exe", "Ransomware", "true_positive", "WAYNE-FS01", created, created.plusSeconds(6 * 60),
                created.plusSeconds(PLANTED_RESOLVE_MINUTES * 60), null, null);
    }

    private static SecurityEvent event(String id, SecurityEvent.Source source, Client client, String severity, String title,
                                       String classification, String verdict, String device, Instant created,
                                       SplittableRandom rng, String incidentId) {
        int[] sla = SLA_MINUTES.get(severity);
        long ack = (long) (sla[0] * 60 * rng.nextDouble(0.1, 0.6));
        long resolve = Math.max(ack + 300, (long) (sla[1] * 60 * rng.nextDouble(0.15, 0.6)));
        return new SecurityEvent(id, source, client, severity, title, classification, verdict, device, created,
                created.plusSeconds(ack), created.plusSeconds(resolve), incidentId, null);
    }

    private static Instant at(LocalDate week, SplittableRandom rng) {
        return week.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(rng.nextLong(7L * 24 * 3600));
    }

    private static String device(Client client, SplittableRandom rng) {
        return client.identifier().toUpperCase() + "-WS" + (10 + rng.nextInt(80));
    }
}
