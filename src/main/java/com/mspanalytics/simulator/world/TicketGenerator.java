package com.mspanalytics.simulator.world;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Walks the world day by day and yields each ticket with its time entries and review, in id order.
 * Each day draws from its own random stream (seed and date), and the only carried state is what the
 * clean-world guards and the techs' weeks (below) need, so the output is a pure function of the spec and is never
 * held in memory.
 *
 * <p>Guards that keep the clean world clean: in the calm week (the latest complete week before the end
 * date) every client gets exactly its rounded 12-week mean, spread to keep domains and client×domain cells near
 * their means, so no clean series is a KPI 11 anomaly; in {@link WorldSize#capRecurrence() small worlds} a (client, category) pair never recurs
 * more than 3 times in 91 days, a contact never raises more than 2 training tickets in 91 days, and no
 * category takes more hours in 181 days than would make a fix project pay back (KPI 06).
 *
 * <p>In {@link WorldSize#staffed() staffed worlds} techs are given no more work than their capacity, so that KPI 07's
 * utilization stays believable: a tech's week holds daily capacity × 5 hours, the hours booked in each week (by entry
 * start) are carried, a ticket goes by skill to a tech whose week has room for it, a one-touch fix needs room for the
 * whole job, and an entry the member's week has no room for goes to a colleague. Until someone's week is full the draws
 * are exactly those of assignment by skill alone, so a quiet world (TINY) is what it was. By skill alone, dpatel (2 h a
 * day, the Security specialist) was given about twice her capacity in the demo world.
 */
final class TicketGenerator implements Iterator<TicketBundle> {

    private static final double[] WEEKDAY_WEIGHT = {1.15, 1.1, 1.05, 1.0, 0.9, 0.15, 0.1}; // Monday first
    private static final double WEEK_WEIGHT = 5.45;
    private static final int BASELINE_WEEKS = 12;
    /** Small worlds: hours a category may take in 181 days, under KPI 06's pay-back point (~33 h at the defaults). */
    private static final double CATEGORY_HOURS_CAP = 26;
    /** Chance that an eligible ticket is reopened once (see {@link #reopen}); tnguyen's is planted. */
    static final double REOPEN_CHANCE = 0.03, TNGUYEN_REOPEN_CHANCE = 0.5;
    private static final String[] SOURCES = {"Phone", "Email", "Email", "Portal"};
    private static final String[] POSITIVE = {"Quick fix, thanks!", "Great service as always", null, null, "Very helpful"};
    private static final String[] NEGATIVE = {"Took too long", "Problem came back the next day", "Nobody called me back"};

    private final WorldSpec spec;
    private final Catalog catalog;
    private final Plants plants;
    private final LocalDate endExclusive;
    private final LocalDate calmStart;
    private final LocalDate firstMonday;
    private final Map<String, double[]> ownerWeights = new HashMap<>();
    private final boolean byCapacity;
    private final Map<Tech, Integer> techIndex = new IdentityHashMap<>();
    /** Hours booked per week index (by entry start) and tech (catalog order). */
    private double[][] bookedHours = new double[0][];
    private final Map<String, double[]> domainWeights = new HashMap<>();
    private final double[] categoryWeights;
    private final Map<String, int[]> weeklyCounts = new HashMap<>();
    private final Map<Integer, int[]> calmPlan = new HashMap<>();
    private final Map<Integer, ArrayDeque<String>> calmDomains = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> recent = new HashMap<>();
    private final Map<Integer, ArrayDeque<double[]>> categoryHours = new HashMap<>();
    private final ArrayDeque<TicketBundle> pending = new ArrayDeque<>();
    private final Client northwind, contoso, fabrikam, globex, initech;
    private final Contact pat;
    private LocalDate day;
    private long nextTicketId = 10_001, nextEntryId = 500_001, nextReviewId = 35_000_001;
    private double contosoHours, contosoOutOfScopeHours;

    TicketGenerator(WorldSpec spec, Catalog catalog, LocalDate endExclusive) {
        this.spec = spec;
        this.catalog = catalog;
        this.plants = new Plants(spec, catalog);
        this.endExclusive = endExclusive;
        this.calmStart = Plants.calmWeekStart(spec);
        this.day = spec.startDate();
        this.firstMonday = day.minusDays(day.getDayOfWeek().getValue() - 1);
        this.categoryWeights = catalog.categories().stream().mapToDouble(Category::weight).toArray();
        this.northwind = catalog.client(Catalog.NORTHWIND);
        this.contoso = catalog.client(Catalog.CONTOSO);
        this.fabrikam = catalog.client(Catalog.FABRIKAM);
        this.globex = catalog.client(Catalog.GLOBEX);
        this.initech = catalog.client(Catalog.INITECH);
        this.pat = catalog.client(Catalog.UMBRELLA).contacts().get(0);
        this.byCapacity = spec.size().staffed();
        for (Tech t : catalog.techs()) techIndex.put(t, techIndex.size());
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && day.isBefore(endExclusive)) {
            generateDay();
            day = day.plusDays(1);
        }
        return !pending.isEmpty();
    }

    @Override
    public TicketBundle next() {
        if (!hasNext()) throw new NoSuchElementException();
        return pending.poll();
    }

    private void generateDay() {
        var rng = new SplittableRandom(mix(spec.seed(), day.toEpochDay()));
        if (day.equals(calmStart)) planCalmWeek();
        boolean calm = !day.isBefore(calmStart) && day.isBefore(calmStart.plusDays(7));
        var drafts = new ArrayList<Draft>();
        for (Client client : catalog.clients()) {
            int count = calm ? calmPlan.get(client.id())[(int) (day.toEpochDay() - calmStart.toEpochDay())]
                    : poisson(rng, client.weeklyRate() * dayShare(day));
            for (int i = 0; i < count; i++) drafts.add(backgroundDraft(client, calm ? calmDomains.get(client.id()).poll() : null, rng));
        }
        for (Plants.PlantedTicket p : plants.on(day)) {
            Contact contact = p.contact() != null ? p.contact() : otherContact(p.client(), rng);
            drafts.add(new Draft(p.client(), p.category(), contact, p.hoursFactor(), enteredAt(rng), p.owner()));
        }
        drafts.sort(Comparator.comparing(Draft::enteredAt));
        for (Draft draft : drafts) {
            double factor = calm && draft.client == globex ? Plants.GLOBEX_HOURS_FACTOR : draft.hoursFactor;
            TicketBundle bundle = build(draft, factor, rng);
            pending.add(bundle);
            if (spec.size().capRecurrence()) {
                double hours = bundle.timeEntries().stream().mapToDouble(TimeEntry::actualHours).sum();
                categoryHours.computeIfAbsent(draft.category.id(), k -> new ArrayDeque<>())
                        .addLast(new double[] {day.toEpochDay(), hours});
            }
            count(String.valueOf(draft.client.id()));
            count(draft.client.id() + "|" + draft.category.domain());
            count("|" + draft.category.domain());
        }
    }

    private void count(String key) {
        weeklyCounts.computeIfAbsent(key, k -> new int[spec.size().weeks() + 200])[weekIndex(day)]++;
    }

    /**
     * Calm week: each clean client gets its rounded baseline mean and each domain its share of the clean total, and
     * the client×domain cells are filled greedily towards their own means within those row and column totals, so
     * no clean client, domain or cell moves off its baseline. Northwind gets the planted 3x spike across its usual
     * domain mix (KPI 11), which also lifts the domains it touches: the ledger lists those as consequences.
     */
    private void planCalmWeek() {
        int week = weekIndex(calmStart);
        var domains = catalog.categories().stream().map(Category::domain).distinct().toList();
        var clients = catalog.clients();
        double[][] mean = new double[clients.size()][domains.size()];
        int[] rows = new int[clients.size()];
        double[] domainMean = new double[domains.size()];
        int cleanTotal = 0;
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            String id = String.valueOf(client.id());
            double clientMean = baselineMean(id, week);
            for (int d = 0; d < domains.size(); d++) mean[c][d] = baselineMean(id + "|" + domains.get(d), week);
            if (client == northwind) {
                double sd = baselineStddev(id, week, clientMean);
                rows[c] = Math.max(Math.max((int) Math.round(3 * clientMean), (int) Math.ceil(clientMean + 2.5 * sd)), 6);
            } else {
                rows[c] = client == globex ? Math.max((int) Math.round(clientMean), 2) : (int) Math.round(clientMean);
                cleanTotal += rows[c];
                for (int d = 0; d < domains.size(); d++) domainMean[d] += mean[c][d];
            }
            calmPlan.put(client.id(), spreadOverWeek(rows[c]));
            calmDomains.put(client.id(), new ArrayDeque<>());
        }
        int[] columns = largestRemainder(cleanTotal, domainMean);
        int northwindRow = clients.indexOf(northwind);
        int[] spike = largestRemainder(rows[northwindRow], mean[northwindRow]);
        for (int d = 0; d < domains.size(); d++) {
            for (int i = 0; i < spike[d]; i++) calmDomains.get(northwind.id()).add(domains.get(d));
        }
        rows[northwindRow] = 0;
        for (int n = 0; n < cleanTotal; n++) {
            int bestC = -1, bestD = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < clients.size(); c++) {
                if (rows[c] == 0) continue;
                for (int d = 0; d < domains.size(); d++) {
                    if (columns[d] > 0 && mean[c][d] > best) {
                        best = mean[c][d];
                        bestC = c;
                        bestD = d;
                    }
                }
            }
            rows[bestC]--;
            columns[bestD]--;
            mean[bestC][bestD] -= 1;
            calmDomains.get(clients.get(bestC).id()).add(domains.get(bestD));
        }
    }

    /** {@code total} split in proportion to {@code weights}, rounding by largest remainder (all to the first if no weight). */
    private static int[] largestRemainder(int total, double[] weights) {
        double sum = 0;
        for (double w : weights) sum += w;
        int[] parts = new int[weights.length];
        if (sum == 0) {
            parts[0] = total;
            return parts;
        }
        double[] remainder = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            parts[i] = (int) exact;
            remainder[i] = exact - parts[i];
            given += parts[i];
        }
        for (; given < total; given++) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) if (remainder[i] > remainder[best]) best = i;
            parts[best]++;
            remainder[best] = -1;
        }
        return parts;
    }

    private double baselineMean(String key, int week) {
        int[] counts = weeklyCounts.get(key);
        if (counts == null) return 0;
        double sum = 0;
        for (int w = week - BASELINE_WEEKS; w < week; w++) sum += counts[w];
        return sum / BASELINE_WEEKS;
    }

    private double baselineStddev(String key, int week, double mean) {
        int[] counts = weeklyCounts.get(key);
        if (counts == null) return 0;
        double sq = 0;
        for (int w = week - BASELINE_WEEKS; w < week; w++) sq += (counts[w] - mean) * (counts[w] - mean);
        return Math.sqrt(sq / BASELINE_WEEKS);
    }

    private static int[] spreadOverWeek(int total) {
        return largestRemainder(total, WEEKDAY_WEIGHT);
    }

    /** A clean ticket for the client, in {@code domain} when the calm week asks for one. */
    private Draft backgroundDraft(Client client, String domain, SplittableRandom rng) {
        Category category = null;
        Contact contact = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            category = catalog.categories().get(pick(rng, domain == null ? categoryWeights : domainWeights(domain)));
            contact = client.contacts().get(rng.nextInt(client.contacts().size()));
            if (acceptable(client, category, contact)) break;
        }
        if (!acceptable(client, category, contact)) {
            contact = otherContact(client, rng);
            category = fallback(client, domain, contact);
        }
        if (spec.size().capRecurrence()) {
            remember(client.id() + "|" + category.id());
            if (Plants.isTraining(category)) remember("contact|" + contact.id());
        }
        return new Draft(client, category, contact, 1, enteredAt(rng), null);
    }

    /** The least recently used acceptable category (of the domain, when one is asked for). */
    private Category fallback(Client client, String domain, Contact contact) {
        Category best = null;
        int fewest = Integer.MAX_VALUE;
        for (Category c : catalog.categories()) {
            if (domain != null && !c.domain().equals(domain)) continue;
            if (!acceptable(client, c, contact) && best != null) continue;
            int used = recentCount(client.id() + "|" + c.id());
            if (best == null || used < fewest || (acceptable(client, c, contact) && !acceptable(client, best, contact))) {
                best = c;
                fewest = used;
            }
        }
        return best != null ? best : catalog.category("Hardware/Laptop/Slow");
    }

    private double[] domainWeights(String domain) {
        return domainWeights.computeIfAbsent(domain, d -> catalog.categories().stream()
                .mapToDouble(c -> c.domain().equals(d) ? c.weight() : 0).toArray());
    }

    /** Keeps planted slices exact and, in small worlds, recurring categories and training tickets rare. */
    private boolean acceptable(Client client, Category category, Contact contact) {
        if (category.key().equals(Plants.PRINTER_STUCK)) return false;
        if (client == initech && category.key().equals(Plants.BACKUP_FAILED)) return false;
        if (client == fabrikam && category.domain().equals("Email")) return false;
        if (contact == pat && Plants.isTraining(category)) return false;
        if (!spec.size().capRecurrence()) return true;
        if (recentCount(client.id() + "|" + category.id()) >= 3) return false;
        if (recentHours(category) + 2 * category.baseHours() > CATEGORY_HOURS_CAP) return false;
        return !Plants.isTraining(category) || recentCount("contact|" + contact.id()) < 2;
    }

    private int recentCount(String key) {
        var days = recent.get(key);
        if (days == null) return 0;
        long today = day.toEpochDay();
        while (!days.isEmpty() && days.peekFirst() < today - 90) days.pollFirst();
        return days.size();
    }

    private double recentHours(Category category) {
        var hours = categoryHours.get(category.id());
        if (hours == null) return 0;
        long today = day.toEpochDay();
        while (!hours.isEmpty() && hours.peekFirst()[0] < today - 180) hours.pollFirst();
        double sum = 0;
        for (double[] h : hours) sum += h[1];
        return sum;
    }

    private void remember(String key) {
        recent.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(day.toEpochDay());
    }

    private Contact otherContact(Client client, SplittableRandom rng) {
        var contacts = client.contacts();
        return contacts.get(1 + rng.nextInt(contacts.size() - 1));
    }

    private Instant enteredAt(SplittableRandom rng) {
        boolean weekend = day.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue();
        int hour = weekend ? 8 + rng.nextInt(12) : 7 + (int) Math.min(11, Math.abs(rng.nextDouble() + rng.nextDouble() - 0.7) * 7);
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L + rng.nextInt(3600));
    }

    private TicketBundle build(Draft d, double hoursFactor, SplittableRandom rng) {
        Category category = d.category;
        String domain = category.domain();
        Priority priority = pickPriority(rng);
        double expected = category.baseHours() * hoursFactor;
        Tech owner = d.owner != null ? d.owner
                : pickOwner(domain, week(d.enteredAt), t -> expected * t.speedIn(domain), rng);
        double speed = owner.speedIn(domain);
        Instant respondedAt = d.enteredAt.plusSeconds((long) (priority.respondMinutes() * 60 * logNormal(rng, 0.4)));
        boolean touch = rng.nextDouble() < owner.fcrChance();
        double worked = quarter(Math.max(0.25, category.baseHours() * hoursFactor * speed * logNormal(rng, 0.35)));
        // one touch is one sitting: the owner needs room for the whole job, else it takes several entries
        boolean oneTouch = touch && fits(owner, week(respondedAt), worked);
        int entryCount = oneTouch ? 1 : 2 + rng.nextInt(5);
        // a one-touch ticket has a single entry; it counts as first-contact resolution only if it also closes within
        // 24 h, which slow techs and slow domains rarely manage (their times are not bent to fit)
        double resolveHours = priority.resolveHours() * speed * logNormal(rng, 0.25);
        Instant closedAt = d.enteredAt.plusSeconds((long) (resolveHours * 3600));

        var entries = new ArrayList<TimeEntry>(entryCount);
        double[] parts = split(worked, entryCount, rng);
        long span = Math.max(0, closedAt.getEpochSecond() - respondedAt.getEpochSecond());
        Instant lastEnd = respondedAt;
        for (int j = 0; j < entryCount; j++) {
            Instant start = respondedAt.plusSeconds(span * j / entryCount);
            if (start.isBefore(lastEnd)) start = lastEnd;
            Instant end = start.plusSeconds((long) (parts[j] * 3600));
            lastEnd = end;
            double part = parts[j];
            int week = week(start);
            Tech member = j > 0 && j == entryCount - 2 && rng.nextDouble() < 0.25
                    ? pickOwner(domain, week, t -> part, rng) : owner;
            // work the member's week has no room for goes to a colleague who has some
            if (!fits(member, week, part)) member = pickOwner(domain, week, t -> part, rng);
            entries.add(entry(d, category, priority, member, start, end, part, rng));
            if (byCapacity) booked(week)[techIndex.get(member)] += part;
        }
        if (closedAt.isBefore(lastEnd.plusSeconds(300))) closedAt = lastEnd.plusSeconds(300);

        Client client = d.client;
        Agreement agreement = client.coveringAgreement(category.board(), WorkType.REMOTE);
        long ticketId = nextTicketId++;
        var ticket = new Ticket(ticketId, category.subType() + ": " + category.item(), client, d.contact,
                category, priority, owner, agreement, SOURCES[rng.nextInt(SOURCES.length)], d.enteredAt,
                respondedAt, closedAt, reopen(ticketId, owner, entries, closedAt));
        var bound = new ArrayList<TimeEntry>(entries.size());
        for (TimeEntry e : entries) bound.add(withTicket(e, ticket.id()));
        return new TicketBundle(ticket, List.copyOf(bound), review(ticket, rng));
    }

    /**
     * Whether the ticket was closed too early and sent back (KPI 03's reopen rate): closed 10 minutes after its first
     * time entry and reopened 10 minutes before its second, on tickets with a gap of at least an hour between the two.
     * tnguyen's tickets come back often ({@link #TNGUYEN_REOPEN_CHANCE}, planted), everyone else's rarely. The draw
     * has its own random stream (seed and ticket id), so the rest of the world is the same with or without reopens,
     * and a ticket is never caught between its two closes at the world's end instant: what the APIs show there
     * does not change either, only the status history does.
     */
    private Ticket.Reopen reopen(long ticketId, Tech owner, List<TimeEntry> entries, Instant closedAt) {
        if (entries.size() < 2) return null;
        Instant firstClose = entries.get(0).timeEnd().plusSeconds(600);
        Instant reopened = entries.get(1).timeStart().minusSeconds(600);
        if (reopened.isBefore(firstClose.plusSeconds(2400))) return null;
        Instant end = spec.endInstant();
        if (!firstClose.isAfter(end) && closedAt.isAfter(end)) return null;
        double chance = owner.identifier().equals(Catalog.TNGUYEN) ? TNGUYEN_REOPEN_CHANCE : REOPEN_CHANCE;
        return new SplittableRandom(mix(spec.seed() ^ 0x2E0BE4EDL, ticketId)).nextDouble() < chance
                ? new Ticket.Reopen(firstClose, reopened) : null;
    }

    private TimeEntry entry(Draft d, Category category, Priority priority, Tech member, Instant start, Instant end,
                            double hours, SplittableRandom rng) {
        Client client = d.client;
        WorkType workType = workType(category, priority, rng);
        if (client == contoso && isContosoPlantEntry(start, end)) {
            contosoHours += hours;
            // planted (KPI 05): Contoso's after-hours work given away against Managed Services, held at 30% of the
            // hours in KPI 05's 30-day window
            double target = Plants.CONTOSO_OUT_OF_SCOPE_SHARE;
            if (Math.abs((contosoOutOfScopeHours + hours) / contosoHours - target)
                    < Math.abs(contosoOutOfScopeHours / contosoHours - target)) {
                contosoOutOfScopeHours += hours;
                return new TimeEntry(nextEntryId++, 0, client, member, WorkType.AFTER_HOURS, member.workRole(),
                        BillableOption.NoCharge, client.mainAgreement(), start, end, hours, notes(category));
            }
        }
        Agreement agreement = client.coveringAgreement(category.board(), workType);
        BillableOption billable = agreement.type() == AgreementType.TIME_AND_MATERIALS ? BillableOption.Billable
                : billableUnderAgreement(rng);
        return new TimeEntry(nextEntryId++, 0, client, member, workType, member.workRole(), billable, agreement,
                start, end, hours, notes(category));
    }

    /** Entries that start in KPI 05's window and are finished (visible) at the end instant. */
    private boolean isContosoPlantEntry(Instant start, Instant end) {
        Instant from = spec.endDate().minusDays(Plants.CONTOSO_PLANT_DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !start.isBefore(from) && !end.isAfter(spec.endInstant());
    }

    private static String notes(Category category) {
        return "Worked on " + category.item().toLowerCase();
    }

    private static TimeEntry withTicket(TimeEntry e, long ticketId) {
        return new TimeEntry(e.id(), ticketId, e.client(), e.member(), e.workType(), e.workRole(), e.billableOption(),
                e.agreement(), e.timeStart(), e.timeEnd(), e.actualHours(), e.notes());
    }

    private static WorkType workType(Category category, Priority priority, SplittableRandom rng) {
        if (category.board() == Board.PROJECTS) return WorkType.PROJECT;
        if (priority == Priority.P1 && rng.nextDouble() < 0.5) return WorkType.AFTER_HOURS;
        boolean handsOn = category.type().equals("Hardware") || category.type().equals("Network")
                || category.type().equals("Printer");
        return handsOn && rng.nextDouble() < 0.15 ? WorkType.ONSITE : WorkType.REMOTE;
    }

    private static BillableOption billableUnderAgreement(SplittableRandom rng) {
        double u = rng.nextDouble();
        if (u < 0.82) return BillableOption.Billable;
        if (u < 0.94) return BillableOption.NoCharge;
        if (u < 0.98) return BillableOption.DoNotBill;
        return BillableOption.NoDefault;
    }

    private Review review(Ticket ticket, SplittableRandom rng) {
        if (rng.nextDouble() >= 0.5) return null;
        Instant sentAt = ticket.closedAt().plusSeconds(600);
        if (rng.nextDouble() >= 0.7) return new Review(nextReviewId++, ticket, null, null, sentAt, null);
        double u = rng.nextDouble(), quality = ticket.owner().quality();
        int rating = u < quality ? 1 : u < quality + (1 - quality) * 0.4 ? 0 : -1;
        String comment = rating == 1 ? POSITIVE[rng.nextInt(POSITIVE.length)]
                : rating == -1 ? NEGATIVE[rng.nextInt(NEGATIVE.length)] : null;
        Instant ratedAt = sentAt.plusSeconds(720 + rng.nextInt(30 * 3600));
        return new Review(nextReviewId++, ticket, rating, comment, sentAt, ratedAt);
    }

    private Priority pickPriority(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (Priority p : Priority.values()) {
            if (u < p.share()) return p;
            u -= p.share();
        }
        return Priority.P3;
    }

    /**
     * Who does work in {@code domain} that would take a tech {@code hours} in {@code week}: drawn by skill among the
     * techs whose week has room for it (daily capacity × 5 − hours booked), so while everyone has room this is the
     * draw by skill alone. When it fits none of the skilled techs (a busy week), the one with the lowest share of
     * their week booked takes it. One random draw either way, so the rest of the day's stream does not depend on who
     * was free. Unstaffed worlds draw by skill alone.
     */
    private Tech pickOwner(String domain, int week, ToDoubleFunction<Tech> hours, SplittableRandom rng) {
        var techs = catalog.techs();
        double[] skills = ownerWeights.computeIfAbsent(domain,
                dom -> techs.stream().mapToDouble(t -> t.skillIn(dom)).toArray());
        if (!byCapacity) return techs.get(pick(rng, skills));
        double[] booked = booked(week);
        double[] weights = new double[skills.length];
        double lowestLoad = Double.POSITIVE_INFINITY;
        int leastBooked = skills.length - 1;
        boolean anyRoom = false;
        for (int i = 0; i < skills.length; i++) {
            if (skills[i] <= 0) continue;
            Tech t = techs.get(i);
            double load = (booked[i] + hours.applyAsDouble(t)) / weekCapacity(t);
            if (load <= 1) {
                weights[i] = skills[i];
                anyRoom = true;
            }
            if (load < lowestLoad) {
                lowestLoad = load;
                leastBooked = i;
            }
        }
        if (anyRoom) return techs.get(pick(rng, weights));
        rng.nextDouble();
        return techs.get(leastBooked);
    }

    private boolean fits(Tech tech, int week, double hours) {
        return !byCapacity || booked(week)[techIndex.get(tech)] + hours <= weekCapacity(tech);
    }

    private static double weekCapacity(Tech tech) {
        return tech.dailyCapacity() * 5;
    }

    private double[] booked(int week) {
        if (week >= bookedHours.length) bookedHours = Arrays.copyOf(bookedHours, week + 16);
        if (bookedHours[week] == null) bookedHours[week] = new double[catalog.techs().size()];
        return bookedHours[week];
    }

    /** The week index (as {@link #weekIndex}) of an instant's UTC date. */
    private int week(Instant instant) {
        return (int) ((Math.floorDiv(instant.getEpochSecond(), 86_400L) - firstMonday.toEpochDay()) / 7);
    }

    private static int pick(SplittableRandom rng, double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.length - 1;
    }

    private static double[] split(double hours, int parts, SplittableRandom rng) {
        double[] result = new double[parts];
        if (parts == 1) {
            result[0] = hours;
            return result;
        }
        double[] w = new double[parts];
        double sum = 0;
        for (int i = 0; i < parts; i++) sum += w[i] = 0.5 + rng.nextDouble();
        for (int i = 0; i < parts; i++) result[i] = quarter(Math.max(0.25, hours * w[i] / sum));
        return result;
    }

    private double dayShare(LocalDate date) {
        double weekday = WEEKDAY_WEIGHT[date.getDayOfWeek().getValue() - 1] / WEEK_WEIGHT;
        double season = 1 + 0.1 * Math.sin(2 * Math.PI * (date.getDayOfYear() - 80) / 365.0);
        boolean holidays = (date.getMonthValue() == 12 && date.getDayOfMonth() >= 22)
                || (date.getMonthValue() == 1 && date.getDayOfMonth() <= 2);
        return weekday * season * (holidays ? 0.6 : 1.0);
    }

    private int weekIndex(LocalDate date) {
        return (int) ((date.toEpochDay() - firstMonday.toEpochDay()) / 7);
    }

    static int poisson(SplittableRandom rng, double lambda) {
        if (lambda > 30) return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian(rng)));
        double limit = Math.exp(-lambda), product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }

    static double logNormal(SplittableRandom rng, double sigma) {
        return Math.exp(sigma * gaussian(rng));
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double quarter(double hours) {
        return Math.round(hours * 4) / 4.0;
    }

    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record Draft(Client client, Category category, Contact contact, double hoursFactor, Instant enteredAt, Tech owner) {}
}
