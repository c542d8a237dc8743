package com.mspanalytics.sync;

/**
 * A run that cannot go on, with a message fit for the run history: it names the source and where
 * (e.g. "ConnectWise /service/tickets page 3: malformed JSON") and never carries credentials or an
 * upstream error body.
 */
public class SyncFailure extends RuntimeException {

    public SyncFailure(String message) {
        super(message);
    }

    public SyncFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
