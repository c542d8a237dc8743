package com.mspanalytics.simulator.world;

import java.time.LocalDate;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A generated MSP: master data in memory, tickets (with their time entries and reviews) streamed on demand,
 * security events, and the ledger of planted facts. Same spec, same world: every stream is a pure function
 * of the seed, the size and the end date, and each call to a stream method generates afresh.
 */
public final class MspWorld {

    private final WorldSpec spec;
    private final Catalog catalog;
    private volatile Ledger ledger;

    private MspWorld(WorldSpec spec) {
        this.spec = spec;
        this.catalog = Catalog.create(spec);
    }

    public static MspWorld generate(WorldSpec spec) {
        return new MspWorld(spec);
    }

    public WorldSpec spec() { return spec; }

    public Catalog catalog() { return catalog; }

    /** Tickets entered before the end date, in id order, each with its time entries and review. */
    public Stream<TicketBundle> bundles() {
        return bundlesUntil(spec.endDate());
    }

    /**
     * The same world continued past its end date up to {@code endExclusive}: the tickets before the end date are
     * identical to {@link #bundles()}, later ones are what a running MSP would add (used when the simulator clock moves).
     */
    public Stream<TicketBundle> bundlesUntil(LocalDate endExclusive) {
        var generator = new TicketGenerator(spec, catalog, endExclusive);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(generator,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    public Stream<Ticket> tickets() { return bundles().map(TicketBundle::ticket); }

    public Stream<TimeEntry> timeEntries() { return bundles().flatMap(b -> b.timeEntries().stream()); }

    /** Reviews sent before the end date's start are the ones SmileBack shows at the end instant. */
    public Stream<Review> reviews() {
        return bundles().map(TicketBundle::review).filter(r -> r != null && r.sentAt().isBefore(spec.endInstant()));
    }

    /** SentinelOne threats and Defender alerts created before the end date, oldest first. */
    public List<SecurityEvent> securityEvents() {
        return securityEventsUntil(spec.endDate()).stream()
                .filter(e -> e.createdAt().isBefore(spec.endInstant())).toList();
    }

    public List<SecurityEvent> securityEventsUntil(LocalDate endExclusive) {
        return SecurityEventGenerator.generate(spec, catalog, endExclusive);
    }

    /** The planted facts with their exact numbers; measured on first use with one pass over the world. */
    public Ledger ledger() {
        Ledger result = ledger;
        if (result == null) {
            synchronized (this) {
                if (ledger == null) {
                    var builder = new LedgerBuilder(spec, catalog);
                    bundles().forEach(builder);
                    ledger = builder.build(securityEvents());
                }
                result = ledger;
            }
        }
        return result;
    }
}
