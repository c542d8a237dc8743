package com.mspanalytics.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The world as the simulators serve it, with a clock that starts at the world's end instant. The world is
 * generated {@code horizon} past its end date up front; moving the clock reveals what happens next (new tickets,
 * tickets answered, worked and closed) and deletes one ticket per move, chosen from the seed, so incremental
 * sync can be tested deterministically.
 */
public final class LiveWorld {

    private final MspWorld world;
    private final List<TicketBundle> all;
    private final List<SecurityEvent> events;
    private final Instant horizonEnd;
    private final Set<Long> deleted = new LinkedHashSet<>();
    private Instant now;
    private long version;
    private WorldView view;

    public LiveWorld(MspWorld world, Duration horizon) {
        this.world = world;
        var endExclusive = world.spec().endDate().plusDays(horizon.toDays());
        this.all = world.bundlesUntil(endExclusive).toList();
        this.events = world.securityEventsUntil(endExclusive);
        this.horizonEnd = world.spec().endInstant().plus(horizon);
        this.now = world.spec().endInstant();
    }

    public MspWorld world() { return world; }

    public synchronized Instant now() { return now; }

    public synchronized WorldView view() {
        if (view == null) view = buildView();
        return view;
    }

    public synchronized WorldChange advance(Duration step) {
        Instant from = now, to = now.plus(step);
        if (to.isAfter(horizonEnd)) throw new IllegalArgumentException("the simulated world ends at " + horizonEnd);
        var before = view();
        var created = new ArrayList<Long>();
        var updated = new ArrayList<Long>();
        now = to;
        version++;
        view = null;
        var after = buildView();
        for (TicketBundle b : after.bundles()) {
            Instant entered = b.ticket().dateEntered();
            if (entered.isAfter(from)) created.add(b.ticket().id());
            else if (after.lastUpdated(b).isAfter(before.lastUpdated(before.byTicketId().get(b.ticket().id())))) {
                updated.add(b.ticket().id());
            }
        }
        long victim = pickDeleted(after, from);
        deleted.add(victim);
        updated.remove(victim);
        created.remove(victim);
        view = buildView();
        return new WorldChange(from, to, List.copyOf(created), List.copyOf(updated), List.of(victim));
    }

    /** One closed ticket from before the move disappears, as when a dispatcher deletes a duplicate. */
    private long pickDeleted(WorldView view, Instant before) {
        var candidates = view.bundles().stream().map(TicketBundle::ticket)
                .filter(t -> !t.dateEntered().isAfter(before) && t.isClosedAt(before)).toList();
        var rng = new SplittableRandom(TicketGenerator.mix(world.spec().seed(), 0xDE1 + version));
        return candidates.get(rng.nextInt(candidates.size())).id();
    }

    private WorldView buildView() {
        var bundles = new ArrayList<TicketBundle>();
        var entries = new ArrayList<TimeEntry>();
        var reviews = new ArrayList<Review>();
        Map<Long, TicketBundle> byId = new HashMap<>();
        for (TicketBundle b : all) {
            if (b.ticket().dateEntered().isAfter(now)) break;   // bundles are in entry order
            if (deleted.contains(b.ticket().id())) continue;
            bundles.add(b);
            byId.put(b.ticket().id(), b);
            for (TimeEntry e : b.timeEntries()) if (!e.timeEnd().isAfter(now)) entries.add(e);
            if (b.review() != null && !b.review().sentAt().isAfter(now)) reviews.add(b.review());
        }
        entries.sort(java.util.Comparator.comparingLong(TimeEntry::id));
        reviews.sort(java.util.Comparator.comparingLong(Review::id));
        var visibleEvents = events.stream().filter(e -> !e.createdAt().isAfter(now)).toList();
        return new WorldView(version, now, List.copyOf(bundles), Map.copyOf(byId), List.copyOf(entries),
                List.copyOf(reviews), visibleEvents);
    }
}
