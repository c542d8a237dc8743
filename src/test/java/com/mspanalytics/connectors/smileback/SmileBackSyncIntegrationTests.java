package com.mspanalytics.connectors.smileback;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.Review;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.SimulatedTenantTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Full and incremental SmileBack review sync against the simulator over real HTTP, into real PostgreSQL. */
class SmileBackSyncIntegrationTests extends SimulatedTenantTest {

    SmileBackSyncIntegrationTests() {
        super("smileback");
    }

    @Test
    void fullSyncStoresExactlyWhatSmileBackServes() {
        JsonNode run = sync();

        WorldView view = simulators.live().view();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(storedIds()).isEqualTo(ids(view));
        assertThat(run.path("inserted").asLong()).isEqualTo(view.reviews().size());
        Map<String, Long> ratings = owner.sql("SELECT coalesce(rating, 'unrated') AS r, count(*) AS n "
                        + "FROM smileback_reviews WHERE tenant_id = ? GROUP BY 1").params(tenant.tenant().value())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Long> expected = view.reviews().stream().collect(Collectors.groupingBy(
                r -> rated(r, view.now()) ? switch (r.rating()) {
                    case 1 -> "positive";
                    case 0 -> "neutral";
                    default -> "negative";
                } : "unrated", Collectors.counting()));
        assertThat(ratings).isEqualTo(expected);

        Review sample = view.reviews().stream().filter(r -> rated(r, view.now())).skip(5).findFirst().orElseThrow();
        var stored = owner.sql("SELECT ticket_id, score, agents[1], created_at, rated_at, deleted_at IS NULL, "
                        + "raw->>'comment' FROM smileback_reviews WHERE tenant_id = ? AND id = ?")
                .params(tenant.tenant().value(), sample.id())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getBoolean(6), String.valueOf(rs.getString(7)))).single();
        var ticket = sample.ticket();
        assertThat(stored).containsExactly(ticket.id(), sample.rating(),
                ticket.owner().firstName() + ticket.owner().lastName().charAt(0),
                ticket.closedAt().truncatedTo(ChronoUnit.SECONDS), sample.ratedAt().truncatedTo(ChronoUnit.MICROS),
                true, String.valueOf(sample.comment()));
    }

    @Test
    void incrementalSyncPicksUpNewAndNewlyRatedReviewsOnly() {
        sync();
        WorldView before = simulators.live().view();
        simulators.advanceClock(Duration.ofDays(3));
        WorldView after = simulators.live().view();
        Map<Long, Review> previous = before.reviews().stream().collect(Collectors.toMap(Review::id, Function.identity()));
        long created = after.reviews().stream().filter(r -> !previous.containsKey(r.id())).count();
        long rated = after.reviews().stream().filter(r -> previous.containsKey(r.id()))
                .filter(r -> rated(r, after.now()) && !rated(r, before.now())).count();

        JsonNode run = sync();

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(created).isPositive();
        // The world serves a review once its contact answers or the survey lapses, so "newly rated"
        // may be none in a given week; when there are some, each must count as exactly one update.
        assertThat(run.path("inserted").asLong()).isEqualTo(created);
        assertThat(run.path("updated").asLong()).isEqualTo(rated);
        assertThat(run.path("fetched").asLong()).as("only the changes and the overlap are read, not everything")
                .isLessThan(after.reviews().size() / 2);
        Set<Long> everServed = new HashSet<>(ids(before));
        everServed.addAll(ids(after));   // a review of a ticket deleted in ConnectWise stays (SmileBack keeps it)
        assertThat(storedIds()).isEqualTo(everServed);
        assertThat(duplicates()).isZero();
    }

    @Test
    void transientFaultsAreRetriedToAnExactResult() {
        simulators.faults("smileback").serverErrorRate(0.10).rateLimitEvery(5, 1).dropEvery(7)
                .latency(Duration.ofMillis(2));

        JsonNode run = sync();

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(storedIds()).isEqualTo(ids(simulators.live().view()));
        assertThat(duplicates()).isZero();
        var statuses = simulators.requests("smileback").stream().map(r -> r.status()).toList();
        assertThat(statuses).contains(429, 0);
    }

    @Test
    void aMalformedPageFailsTheRunNamingItAndTheNextRunFinishesExactly() {
        simulators.faults("smileback").malformedPage("/api/v3/reviews", 3);

        JsonNode failed = sync();

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("SmileBack").contains("/api/v3/reviews/")
                .contains("page 3").contains("not valid JSON").doesNotContain(simulators.connectorSettings()
                        .get("smileback").get("password"));
        assertThat(storedIds()).as("pages 1 and 2 were committed").hasSize(100);
        assertThat(checkpoint()).as("the checkpoint moves only with the last page").isNull();

        simulators.faults("smileback").clear();
        JsonNode retried = sync();

        assertThat(retried.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(storedIds()).isEqualTo(ids(simulators.live().view()));
        assertThat(retried.path("inserted").asLong()).isEqualTo(simulators.live().view().reviews().size() - 100);
        assertThat(retried.path("updated").asLong()).isZero();
        assertThat(checkpoint()).isNotNull();
    }

    private static boolean rated(Review r, Instant now) {
        return r.rating() != null && !r.ratedAt().isAfter(now);
    }

    private static Set<Long> ids(WorldView view) {
        return view.reviews().stream().map(Review::id).collect(Collectors.toSet());
    }

    private Set<Long> storedIds() {
        return Set.copyOf(owner.sql("SELECT id FROM smileback_reviews WHERE tenant_id = ? AND deleted_at IS NULL")
                .params(tenant.tenant().value()).query(Long.class).list());
    }

    private long duplicates() {
        return countRows("SELECT count(*) - count(DISTINCT id) FROM smileback_reviews WHERE tenant_id = ?");
    }

    private String checkpoint() {
        return checkpoint(SmileBackSource.CHECKPOINT);
    }
}
