package com.mspanalytics.auth;

import com.mspanalytics.auth.tv.TvLinks;
import com.mspanalytics.ratelimit.TenantRateLimitFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The TV pages, {@code /tv/{token}}: the link's token is the credential, checked on every request; nothing is kept
 * between requests (no session, no cookie), so the screen's principal exists only while a TV page is rendered and
 * never reaches the signed-in pages or the API. Only GET and HEAD are allowed, which is why no CSRF token is needed.
 * The same strict Content-Security-Policy as the other pages; no Referer, because the token is in the URL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TvSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain tvSecurity(HttpSecurity http, TvLinks links, TenantRateLimitFilter tenantRateLimit)
            throws Exception {
        http.securityMatcher("/tv/**")
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // a dead link gets its page too: the controller tells it by the missing screen
                        .requestMatchers(HttpMethod.GET, "/tv/*").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/tv/*").permitAll()
                        .anyRequest().denyAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PageSecurityConfiguration.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new TvLinkAuthenticationFilter(links), AuthorizationFilter.class)
                .addFilterAfter(new TenantBindingFilter(), AuthorizationFilter.class)
                .addFilterAfter(tenantRateLimit, TenantBindingFilter.class);
        return http.build();
    }
}
