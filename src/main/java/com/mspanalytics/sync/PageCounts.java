package com.mspanalytics.sync;

/** Rows a page inserted, updated and marked deleted. */
public record PageCounts(long inserted, long updated, long deleted) {

    public static final PageCounts NONE = new PageCounts(0, 0, 0);

    public PageCounts plus(PageCounts other) {
        return new PageCounts(inserted + other.inserted, updated + other.updated, deleted + other.deleted);
    }
}
