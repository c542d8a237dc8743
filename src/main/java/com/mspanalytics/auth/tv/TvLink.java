package com.mspanalytics.auth.tv;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A working TV link, as the admin's list shows it.
 *
 * @param pages the rotation, in order: "overview" or a KPI's slug
 * @param createdBy the display name of the admin who created it
 * @param lastUsedAt when a screen last opened a page with it, to the minute; null when never
 */
public record TvLink(UUID id, String name, List<String> pages, int rotateSeconds, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime expiresAt, @Nullable OffsetDateTime lastUsedAt) {

    public TvLink {
        pages = List.copyOf(pages);
    }
}
