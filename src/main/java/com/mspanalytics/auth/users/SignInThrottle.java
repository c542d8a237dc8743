package com.mspanalytics.auth.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins slow down whoever keeps guessing: after {@value #FREE_PER_ACCOUNT} failures for one e-mail (known
 * or not, so the delay says nothing about which accounts exist), or {@value #FREE_PER_ADDRESS} from one client
 * address, each further attempt must wait {@code 2 s × 2^(failures − free)}, at most 15 minutes. Failures older than
 * an hour are forgotten; a successful sign-in clears its account's count. Kept in PostgreSQL, so every instance
 * sees the same counts.
 */
@Component
class SignInThrottle {

    static final int FREE_PER_ACCOUNT = 5;
    /** Higher: a whole office signs in from one NAT address. */
    static final int FREE_PER_ADDRESS = 20;
    static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final JdbcClient jdbc;

    SignInThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How long the next attempt for this e-mail from this address must still wait; empty when it may go ahead. */
    Optional<Duration> waitFor(String email, String address) {
        Duration account = wait(subject("email", email), FREE_PER_ACCOUNT);
        Duration client = wait(subject("ip", address), FREE_PER_ADDRESS);
        Duration longer = account.compareTo(client) >= 0 ? account : client;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    void failed(String email, String address) {
        for (String subject : new String[] {subject("email", email), subject("ip", address)}) {
            jdbc.sql("""
                    INSERT INTO sign_in_failures AS f (subject, failures, last_failure_at) VALUES (:subject, 1, now())
                    ON CONFLICT (subject) DO UPDATE SET last_failure_at = now(), failures =
                        CASE WHEN f.last_failure_at < now() - interval '1 hour' THEN 1 ELSE f.failures + 1 END
                    """).param("subject", subject).update();
        }
    }

    void succeeded(String email) {
        jdbc.sql("DELETE FROM sign_in_failures WHERE subject = :subject").param("subject", subject("email", email))
                .update();
    }

    private Duration wait(String subject, int free) {
        return jdbc.sql("""
                SELECT greatest(0, extract(epoch FROM last_failure_at
                           + least(:firstSeconds * power(2, failures - :free), :maxSeconds) * interval '1 second'
                           - now()))
                FROM sign_in_failures
                WHERE subject = :subject AND failures >= :free AND last_failure_at >= now() - interval '1 hour'
                """)
                .param("subject", subject).param("free", free).param("firstSeconds", FIRST_DELAY.toSeconds())
                .param("maxSeconds", MAX_DELAY.toSeconds())
                .query(Double.class).optional()
                .map(seconds -> Duration.ofMillis((long) Math.ceil(seconds * 1000))).orElse(Duration.ZERO);
    }

    /** A digest, so that the table holds no e-mail address or client address in clear. */
    private static String subject(String kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + ":" + value.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
