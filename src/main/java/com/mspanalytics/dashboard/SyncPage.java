package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sync page: the latest run of each entity, then every recent run, newest first.
 *
 * @param entities what "sync now" accepts, {@code all} first
 * @param canStart whether the viewer may start a run (managers and admins)
 */
public record SyncPage(List<Run> latest, List<Run> recent, List<String> entities, boolean canStart,
        @Nullable String flash, @Nullable String problem) {

    /**
     * One run as the page shows it; counts are what the run fetched from the source and what it changed here.
     *
     * @param duration "1 min 12 s", or "running" while it is
     */
    public record Run(String entity, String status, String statusClass, String trigger, String queued,
            String duration, long fetched, long inserted, long updated, long deleted, @Nullable String error) {
    }
}
