package com.mspanalytics.simulator.world;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where and when the planted facts happen. Every date is relative to the world's end date, so the facts
 * sit in the windows docs/kpis.md gives each KPI when it is computed with {@code asOf = endDate}.
 * Planted extra tickets never fall in the calm week, whose volume the generator controls (see {@link TicketGenerator}).
 */
final class Plants {

    /** Categories only planted tickets use for the planted clients (so their counts are exact). */
    static final String BACKUP_FAILED = "Backup/Backup Job/Failed";
    static final String PRINTER_STUCK = "Printer/Print Queue/Stuck Jobs";
    static final List<String> TRAINING_TOPICS = List.of("How To/Microsoft 365/Teams", "How To/Outlook/Rules",
            "How To/OneDrive/Sharing");
    static final List<String> EMAIL_TOPICS = List.of("Email/Outlook/Not Syncing", "Email/Mailbox/Full",
            "Email/Mailbox/Shared Mailbox", "Email/Spam/Junk Filtering");
    static final Set<String> TRAINING_WORDS = Set.of("How To", "Training", "User Error", "Password Reset", "Access Request");

    /**
     * In the tiny world. Busier worlds plant twice as many, closer together (and so Pat Jones's how-tos), so that the
     * plant stays a fact against the client's own volume: at SMALL, 7 failed backups in a quarter are only 1.8x what
     * Initech's volume predicts at the tenant's category mix, which is chance rather than a finding (KPIs 01 and 02
     * judge a pair against the client's or contact's own volume). The busy days are chosen so that the SMALL world's
     * techs stay within capacity every week (MspWorldTests), which the extra tickets' draws shift.
     */
    static final int INITECH_BACKUP_TICKETS = 7;
    static final int JSMITH_NETWORK_TICKETS = 6;
    static final List<String> NETWORK_TOPICS = List.of("Network/VPN/Cannot Connect", "Network/Wi-Fi/Slow",
            "Network/Firewall/Rule Change");
    static final int UMBRELLA_TRAINING_TICKETS = 6;
    static final int PRINTER_TICKETS = 42;
    static final double PRINTER_HOURS_FACTOR = 2.5;
    static final int FABRIKAM_EMAIL_BEFORE = 15, FABRIKAM_EMAIL_AFTER = 6;
    static final double GLOBEX_HOURS_FACTOR = 3.5;
    static final double CONTOSO_OUT_OF_SCOPE_SHARE = 0.30;
    static final int CONTOSO_PLANT_DAYS = 30;

    /** A ticket the plan adds; {@code contact} and {@code owner} null mean drawn as usual. */
    record PlantedTicket(Client client, Category category, Contact contact, double hoursFactor, Tech owner) {}

    private final Map<LocalDate, List<PlantedTicket>> byDay = new HashMap<>();

    Plants(WorldSpec spec, Catalog catalog) {
        LocalDate end = spec.endDate();
        Client initech = catalog.client(Catalog.INITECH), umbrella = catalog.client(Catalog.UMBRELLA);
        boolean busy = !spec.size().capRecurrence();
        int backups = busy ? 2 * INITECH_BACKUP_TICKETS : INITECH_BACKUP_TICKETS;
        for (int i = 0; i < backups; i++) {
            add(spec, end.minusDays(busy ? 81 - 5L * i : 80 - 11L * i), new PlantedTicket(initech, catalog.category(BACKUP_FAILED), null, 1, null));
        }
        int training = busy ? 2 * UMBRELLA_TRAINING_TICKETS : UMBRELLA_TRAINING_TICKETS;
        for (int i = 0; i < training; i++) {
            add(spec, end.minusDays(busy ? 84 - 5L * i : 85 - 13L * i), new PlantedTicket(umbrella,
                    catalog.category(TRAINING_TOPICS.get(i % TRAINING_TOPICS.size())), umbrella.contacts().get(0), 1, null));
        }
        var clients = catalog.clients();
        for (int i = 0; i < PRINTER_TICKETS; i++) {
            add(spec, end.minusDays(175 - 4L * i), new PlantedTicket(clients.get((i * 7) % clients.size()),
                    catalog.category(PRINTER_STUCK), null, PRINTER_HOURS_FACTOR, null));
        }
        // jsmith's slowness on Network needs a sample: a few more Network tickets land on him (KPI 03)
        Tech jsmith = catalog.tech(Catalog.JSMITH);
        for (int i = 0; i < JSMITH_NETWORK_TICKETS; i++) {
            add(spec, end.minusDays(84 - 13L * i), new PlantedTicket(clients.get((i * 11 + 5) % clients.size()),
                    catalog.category(NETWORK_TOPICS.get(i % NETWORK_TOPICS.size())), null, 1, jsmith));
        }
        Client fabrikam = catalog.client(Catalog.FABRIKAM);
        Project migration = catalog.projects().get(0);
        for (int i = 0; i < FABRIKAM_EMAIL_BEFORE; i++) {
            add(spec, migration.actualStart().minusDays(88 - 6L * i), new PlantedTicket(fabrikam,
                    catalog.category(EMAIL_TOPICS.get(i % EMAIL_TOPICS.size())), null, 1, null));
        }
        for (int i = 0; i < FABRIKAM_EMAIL_AFTER; i++) {
            add(spec, migration.actualEnd().plusDays(5 + 15L * i), new PlantedTicket(fabrikam,
                    catalog.category(EMAIL_TOPICS.get(i % EMAIL_TOPICS.size())), null, 1, null));
        }
    }

    private void add(WorldSpec spec, LocalDate day, PlantedTicket ticket) {
        LocalDate calm = calmWeekStart(spec);
        while (!day.isBefore(calm) && day.isBefore(calm.plusDays(7))) day = day.minusDays(7);
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(ticket);
    }

    List<PlantedTicket> on(LocalDate day) {
        return byDay.getOrDefault(day, List.of());
    }

    /** Monday of the latest complete Monday–Sunday week before {@code endDate}: the period KPIs 04 and 11 judge. */
    static LocalDate calmWeekStart(WorldSpec spec) {
        LocalDate lastSunday = spec.endDate().minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        return lastSunday.minusDays(6);
    }

    static LocalDate fabrikamProjectStart(WorldSpec spec) { return spec.endDate().minusDays(200); }

    static LocalDate fabrikamProjectEnd(WorldSpec spec) { return spec.endDate().minusDays(170); }

    static boolean isTraining(Category category) {
        return TRAINING_WORDS.contains(category.type()) || TRAINING_WORDS.contains(category.subType())
                || TRAINING_WORDS.contains(category.item());
    }
}
