package com.mspanalytics.auth;

import com.mspanalytics.auth.oidc.OidcSignIn;
import com.mspanalytics.auth.users.UserSignIn;
import com.mspanalytics.config.RunMode;
import com.mspanalytics.ratelimit.TenantRateLimitFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The dashboard's pages: a session after signing in with e-mail and password, or through the single sign-on provider
 * when one is configured ({@link OidcSignIn}), CSRF tokens on every form, and a strict Content-Security-Policy
 * (scripts and styles from the app only, no inline script). The tenant is bound from the session's user by the same {@link TenantBindingFilter} as from an API key. Everything else is the API's
 * ({@link SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PageSecurityConfiguration {

    /** Also what the page tests expect; {@code report-uri} is not used: violations show in the browser's console. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    /** With single sign-on's redirect to the provider ({@code /oauth2/**}) and its way back ({@code /login/oauth2/**}). */
    static final String[] PAGES = {"/", "/login", "/logout", "/invite/**", "/app/**", "/css/**", "/js/**",
            "/webjars/**", "/favicon.svg", "/oauth2/**", "/login/oauth2/**"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain pageSecurity(HttpSecurity http, UserSignIn signIn, TenantRateLimitFilter tenantRateLimit,
            ObjectProvider<OidcSignIn> singleSignOn) throws Exception {
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        http.securityMatcher(PAGES)
                .authenticationProvider(signIn)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/app/denied", "/css/**", "/js/**", "/webjars/**", "/favicon.svg")
                        .permitAll()
                        // an invitation link's token is its credential; its POST still needs the form's CSRF token
                        .requestMatchers("/invite/**").permitAll()
                        .requestMatchers("/app/settings", "/app/settings/**", "/app/users", "/app/users/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/app/anomalies/**", "/app/sync", "/app/kpi/*/brief")
                        .hasRole("MANAGER")
                        .requestMatchers("/app/digest", "/app/digest/**").hasRole("MANAGER")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").usernameParameter("email").passwordParameter("password")
                        .defaultSuccessUrl("/", false).failureHandler(failure))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(e -> e.accessDeniedPage("/app/denied"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // frame-ancestors 'none' keeps every page out of frames; the digest's mail sets its own policy
                        // that lets the digest page frame it, and this old header must not contradict that
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new TenantBindingFilter(), AuthorizationFilter.class)
                .addFilterAfter(tenantRateLimit, TenantBindingFilter.class);
        singleSignOn.ifAvailable(oidc -> oidc.applyTo(http, failure));
        return http.build();
    }

    /** The session cookie is HttpOnly and SameSite=Lax everywhere, and Secure outside embedded mode (plain http). */
    @Bean
    ServletContextInitializer sessionCookie(Environment environment) {
        boolean secure = RunMode.of(environment) == RunMode.PRODUCTION;
        return servletContext -> {
            servletContext.getSessionCookieConfig().setHttpOnly(true);
            servletContext.getSessionCookieConfig().setSecure(secure);
            servletContext.getSessionCookieConfig().setAttribute("SameSite", "Lax");
        };
    }
}
