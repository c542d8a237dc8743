package com.mspanalytics.dashboard;

import com.mspanalytics.sync.ConnectorNotConfigured;
import com.mspanalytics.sync.SyncRun;
import com.mspanalytics.sync.SyncService;
import com.mspanalytics.sync.UnknownSyncEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The sync page, and "sync now": the same runs, and the same one-run-per-entity rule, as {@code POST /sync/{entity}}. */
@Component
class SyncPages {

    static final int RECENT = 50;

    private final SyncService sync;
    private final Clock clock;

    SyncPages(SyncService sync, Clock clock) {
        this.sync = sync;
        this.clock = clock;
    }

    SyncPage build(boolean canStart, @Nullable String flash, @Nullable String problem) {
        Instant now = clock.instant();
        List<SyncRun> runs = sync.recent(null, RECENT);
        Map<String, SyncRun> latest = new LinkedHashMap<>();
        runs.forEach(r -> latest.putIfAbsent(r.entity(), r));
        List<String> entities = new ArrayList<>();
        entities.add(SyncService.ALL);
        sync.configuredEntities().stream().filter(e -> !SyncService.ALL.equals(e)).forEach(entities::add);
        return new SyncPage(latest.values().stream().map(r -> run(r, now)).toList(),
                runs.stream().map(r -> run(r, now)).toList(), entities, canStart, flash, problem);
    }

    /** @return the problem to show, or empty when the run was queued (or one already was) */
    Optional<String> start(String entity) {
        try {
            sync.start(entity, "dashboard");
            return Optional.empty();
        } catch (UnknownSyncEntity e) {
            return Optional.of("There is no entity named " + entity + " to sync.");
        } catch (ConnectorNotConfigured e) {
            return Optional.of("The connector for " + entity + " is not set up; an admin sets connectors up under Settings.");
        }
    }

    private static SyncPage.Run run(SyncRun r, Instant now) {
        String duration = r.startedAt() == null ? "queued"
                : r.finishedAt() == null ? "running for " + Formats.duration(Duration.between(r.startedAt().toInstant(), now))
                : Formats.duration(Duration.between(r.startedAt(), r.finishedAt()));
        return new SyncPage.Run(r.entity(), r.status().name().toLowerCase(java.util.Locale.ROOT),
                "status-" + r.status().name().toLowerCase(java.util.Locale.ROOT), r.trigger(),
                Formats.age(r.queuedAt().toInstant(), now), duration, r.fetched(), r.inserted(), r.updated(),
                r.deleted(), r.error());
    }
}
