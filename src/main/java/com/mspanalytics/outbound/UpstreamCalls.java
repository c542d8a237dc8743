package com.mspanalytics.outbound;

import com.mspanalytics.config.RunMode;
import com.mspanalytics.tenant.TenantId;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

/**
 * Every call of a connector to its service goes through here: retries with exponential backoff and
 * jitter that honour {@code Retry-After}, a circuit breaker per tenant and service so that a dead
 * service is not hammered by every scheduled run, and, for services with a documented request limit, each
 * request (retries included) spaced to stay within it, per tenant ({@link PaceProperties}); Resilience4j, not
 * hand-written loops.
 */
@Component
public class UpstreamCalls {

    private final RetryConfig retryConfig;
    private final CircuitBreakerRegistry breakers;
    private final PaceProperties pace;
    /** Per paced service (any case): one permit every 60 s / n. Empty when this run mode does not pace. */
    private final Map<String, RateLimiterConfig> paceConfigs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final RateLimiterRegistry pacers = RateLimiterRegistry.ofDefaults();

    UpstreamCalls(UpstreamProperties properties, PaceProperties pace, Environment environment) {
        this.pace = pace;
        if (pace.enabled() != null ? pace.enabled() : RunMode.of(environment) == RunMode.PRODUCTION) {
            pace.requestsPerMinute().keySet().forEach(service -> paceConfigs.put(service, RateLimiterConfig.custom()
                    .limitForPeriod(1).limitRefreshPeriod(pace.spacing(service).orElseThrow())
                    .timeoutDuration(pace.maxWait()).build()));
        }
        this.retryConfig = RetryConfig.<Object>custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnException(UpstreamCalls::retryable)
                .intervalBiFunction(backoff(properties))
                .failAfterMaxAttempts(false)
                .build();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(80)
                .waitDurationInOpenState(properties.circuitOpenFor())
                .recordException(UpstreamCalls::retryable)
                .build());
    }

    /**
     * @param service e.g. "ConnectWise"; with the tenant it names the circuit breaker
     * @param path what is called, for messages (no query string: it may carry filters worth keeping private)
     * @throws UpstreamException when the call fails for good, or the circuit is open (status 0)
     */
    public <T> T call(TenantId tenant, String service, String path, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(tenant + ":" + service);
        Retry retry = Retry.of(service, retryConfig);
        Supplier<T> attempt = () -> {
            try {
                return call.get();
            } catch (ResourceAccessException e) {
                throw new UpstreamException(service, path, 0, null);
            }
        };
        RateLimiterConfig paceConfig = paceConfigs.get(service);
        if (paceConfig != null) {
            // one pacer per tenant and service: each attempt, retries included, waits for its slot
            attempt = RateLimiter.decorateSupplier(pacers.rateLimiter(tenant + ":" + service, paceConfig), attempt);
        }
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)).get();
        } catch (CallNotPermittedException e) {
            throw new UpstreamException(service + " " + path + ": not called, too many recent failures (circuit open "
                    + "for a while)");
        } catch (RequestNotPermitted e) {
            throw new UpstreamException(service + " " + path + ": not called, waited " + pace.maxWait().toSeconds()
                    + " s for a turn within the pace of " + pace.requestsPerMinute().get(service)
                    + " requests a minute (msp.connectors.pace)");
        }
    }

    /** Whether calls to {@code service} are spaced (this run mode, and the service has a limit). */
    boolean paces(String service) {
        return paceConfigs.containsKey(service);
    }

    private static boolean retryable(Throwable e) {
        return e instanceof UpstreamException upstream && upstream.retryable();
    }

    /** Retry-After when the service sent one (capped), else 2^n backoff with equal jitter. */
    private static IntervalBiFunction<Object> backoff(UpstreamProperties properties) {
        return (attempt, result) -> {
            Either<Throwable, Object> outcome = result;
            if (outcome.isLeft() && outcome.getLeft() instanceof UpstreamException upstream
                    && upstream.retryAfter().isPresent()) {
                return Math.min(upstream.retryAfter().get().toMillis(), properties.maxBackoff().toMillis());
            }
            long ceiling = Math.min(properties.maxBackoff().toMillis(),
                    properties.initialBackoff().toMillis() << Math.min(attempt - 1, 16));
            return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        };
    }
}
