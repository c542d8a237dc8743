package com.mspanalytics.auth;

import com.mspanalytics.ratelimit.TenantRateLimitFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Stateless authentication by API key or Bearer token, permission per endpoint, the tenant bound
 * from the credential. Public: /health, the API documentation and the Prometheus endpoint (expose
 * /actuator only on an internal network; see docs/operations.md, Deploy).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyService apiKeys, ProblemAuthenticationHandlers problems,
            JwtConfiguration.JwtTenantConverter jwtConverter, TenantRateLimitFilter tenantRateLimit) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new TenantBindingFilter(), AuthorizationFilter.class)
                // Counted per tenant, so only once the credential has named the tenant.
                .addFilterAfter(tenantRateLimit, TenantBindingFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/health", "/docs", "/docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/v3/api-docs", "/v3/api-docs/**", "/actuator/health/**",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/auth/token").authenticated()
                        .anyRequest().access(permissionFromTable()));
        return http.build();
    }

    /** Every other request needs the permission {@link EndpointPermissions} names for it. */
    private static AuthorizationManager<RequestAuthorizationContext> permissionFromTable() {
        return (authentication, context) -> {
            String permission = EndpointPermissions.requiredFor(context.getRequest()).wireName();
            return AuthorityAuthorizationManager.<RequestAuthorizationContext>hasAuthority(permission)
                    .authorize(authentication, context);
        };
    }
}
