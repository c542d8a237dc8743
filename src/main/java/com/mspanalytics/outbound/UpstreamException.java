package com.mspanalytics.outbound;

import com.mspanalytics.sync.SyncFailure;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call to an external service that did not succeed. The message names the service, the request
 * path and the status; never the response body (it may echo credentials or private data) nor the
 * query string.
 */
public class UpstreamException extends RuntimeException {

    private final int status;
    private final @Nullable Duration retryAfter;

    public UpstreamException(String service, String path, int status, @Nullable Duration retryAfter) {
        super(service + " " + path + (status == 0 ? ": no response (connection refused, dropped or timed out)"
                : " answered HTTP " + status));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** A call that was not made at all (the circuit is open). */
    public UpstreamException(String message) {
        super(message);
        this.status = 0;
        this.retryAfter = null;
    }

    /** HTTP status; 0 when no response came (refused, dropped or timed-out connection). */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Worth another try: rate limited, a server error, or no response at all. Other 4xx never are. */
    public boolean retryable() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /**
     * This failure as the failure of a sync run reading page {@code page}; a 401 or 403 adds {@code credentialsHint}
     * (e.g. "; check the smileback credentials (PUT /settings/connectors/smileback)").
     */
    public SyncFailure onPage(int page, String credentialsHint) {
        return new SyncFailure(getMessage() + " (page " + page + ")" + (status == 401 || status == 403
                ? credentialsHint : ""));
    }

    /** Parses a {@code Retry-After} header given in seconds; HTTP dates are rare from these APIs and fall back to backoff. */
    public static @Nullable Duration parseRetryAfter(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
