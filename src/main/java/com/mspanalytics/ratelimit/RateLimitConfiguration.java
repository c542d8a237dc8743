package com.mspanalytics.ratelimit;

import com.mspanalytics.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The limiter (Redis with an in-process fallback when REDIS_URL is set, in-process alone when not),
 * the per-address filter in the servlet chain, and the per-tenant filter for the security chain.
 *
 * <p>Boot's own Redis auto-configuration is excluded in application.yml: it would connect to
 * localhost when REDIS_URL is unset and ignore REDIS_PASSWORD when it is set.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean(destroyMethod = "destroy")
    @ConditionalOnExpression("'${msp.ratelimit.redis.url:}' != ''")
    LettuceConnectionFactory rateLimitRedis(RateLimitProperties properties) {
        return RedisConnections.create(properties.redis());
    }

    /** Uses the application's {@link Clock} bean if it defines one, the system clock otherwise. */
    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, ObjectProvider<LettuceConnectionFactory> redis,
            ObjectProvider<Clock> clock, MeterRegistry meters) {
        FixedWindows windows = new FixedWindows(clock.getIfAvailable(Clock::systemUTC), properties.window());
        InProcessRateLimiter inProcess = new InProcessRateLimiter(windows);
        LettuceConnectionFactory connections = redis.getIfAvailable();
        if (connections == null) {
            return inProcess;
        }
        return new RedisFallbackRateLimiter(new RedisRateLimiter(connections, windows, properties.keyPrefix()),
                inProcess, meters);
    }

    @Bean
    RedisCheck redisCheck(ObjectProvider<LettuceConnectionFactory> redis) {
        return new RedisCheck(redis.getIfAvailable());
    }

    @Bean
    RateLimitResponses rateLimitResponses(ProblemResponses problems) {
        return new RateLimitResponses(problems);
    }

    /** Right after RequestSizeLimitFilter, well before Spring Security (order -100) authenticates. */
    @Bean
    FilterRegistrationBean<ClientIpRateLimitFilter> clientIpRateLimitFilter(RateLimiter limiter,
            RateLimitProperties properties, RateLimitResponses responses) {
        var registration = new FilterRegistrationBean<>(
                new ClientIpRateLimitFilter(limiter, properties.clientIp().limit(), responses));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** For the security chain: {@code http.addFilterAfter(tenantRateLimitFilter, AuthorizationFilter.class)}. */
    @Bean
    TenantRateLimitFilter tenantRateLimitFilter(RateLimiter limiter, RateLimitProperties properties,
            RateLimitResponses responses) {
        return new TenantRateLimitFilter(limiter, properties, responses);
    }

    /**
     * Boot registers every Filter bean with the servlet container, where this one would run before
     * authentication, find no tenant and do nothing; it belongs in the security chain only.
     */
    @Bean
    FilterRegistrationBean<TenantRateLimitFilter> tenantRateLimitFilterRegistration(TenantRateLimitFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
