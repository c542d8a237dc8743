package com.mspanalytics.sync;

public enum SyncStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
