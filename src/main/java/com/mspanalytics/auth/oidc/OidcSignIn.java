package com.mspanalytics.auth.oidc;

import com.mspanalytics.auth.users.SignedInUser;
import com.mspanalytics.auth.users.UserSignIn;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.outbound.OutboundHttp;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Single sign-on on the dashboard's filter chain, there only when {@code OIDC_ISSUER_URI} is set. The sign-in page
 * links to {@link #AUTHORIZATION_PATH}, which redirects to the provider (the authorization code flow, with state,
 * nonce and PKCE); the provider redirects back to {@code /login/oauth2/code/oidc}, where the code is exchanged for
 * an ID token, the token is checked ({@link IdTokenDecoders}), and its verified e-mail address finds the tenant user
 * ({@link VerifiedEmailAccounts}). The session then holds that user exactly as after a password sign-in, so the
 * tenant binding, the roles and row-level security apply alike.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(OidcSignIn.Configured.class)
public final class OidcSignIn {

    public static final String AUTHORIZATION_PATH = "/oauth2/authorization/" + ProviderRegistration.ID;

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    private static final String NO_REDIRECT = "msp_no_authorization_request";

    private final OidcProperties settings;
    private final ProviderRegistration registration;
    private final VerifiedEmailAccounts accounts;
    private final RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
    private final IdTokenDecoders decoders;

    OidcSignIn(OidcProperties settings, Users users, OutboundHttp outbound) {
        this.settings = settings;
        this.registration = new ProviderRegistration(settings, outbound.restClient().build());
        this.accounts = new VerifiedEmailAccounts(users);
        // what the token client's own RestClient has, on the outbound client
        tokens.setRestClient(outbound.restClient()
                .configureMessageConverters(converters -> {
                    converters.addCustomConverter(new FormHttpMessageConverter());
                    converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        this.decoders = new IdTokenDecoders(outbound.restTemplate());
    }

    /** The provider's name as the sign-in page shows it: "Sign in with Microsoft". */
    public String providerName() {
        return settings.displayName();
    }

    /** Adds single sign-on to the pages' chain; its failures go to {@code failure}, the password form's handler. */
    public void applyTo(HttpSecurity http, AuthenticationFailureHandler failure) {
        SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
        AuthenticationFailureHandler refused = (request, response, exception) -> {
            // the reason only: Spring's messages name claims and endpoints, never a token or the secret
            log.info("Single sign-on refused: {}", exception.getMessage());
            failure.onAuthenticationFailure(request, response, exception);
        };
        http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(registration)
                .authorizedClientRepository(new NoStoredTokens())
                .securityContextRepository(contexts)
                .tokenEndpoint(token -> token.accessTokenResponseClient(tokens))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(accounts))
                .successHandler(new SessionOfMatchedUser(contexts))
                .failureHandler(refused)
                .withObjectPostProcessor(new ObjectPostProcessor<OidcAuthorizationCodeAuthenticationProvider>() {
                    @Override
                    public <O extends OidcAuthorizationCodeAuthenticationProvider> O postProcess(O provider) {
                        provider.setJwtDecoderFactory(decoders);
                        return provider;
                    }
                })
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    // the redirect to the provider fails when its discovery document cannot be read: the sign-in
                    // page says so, instead of the filter's bare 500
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler((request, response, exception) -> refused
                                .onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
                                        new OAuth2Error(NO_REDIRECT), exception.getMessage(), exception)));
                        return filter;
                    }
                }));
    }

    /**
     * The sign-in page's message after a failed single sign-on, or empty when {@code failure} is the password form's.
     * No account and an address several tenants have read alike.
     */
    public Optional<String> messageFor(@Nullable Object failure) {
        if (!(failure instanceof OAuth2AuthenticationException refused)) {
            return Optional.empty();
        }
        String name = settings.displayName();
        return Optional.of(switch (refused.getError().getErrorCode()) {
            case VerifiedEmailAccounts.NO_ACCOUNT -> "No MSP Analytics account has the e-mail address of your " + name
                    + " account. Ask an admin of your MSP to add you with that address, or sign in with your password.";
            case VerifiedEmailAccounts.UNVERIFIED_EMAIL -> name + " did not confirm that the e-mail address of your "
                    + "account is verified, so it cannot sign you in here. Sign in with your password instead.";
            default -> "Signing in with " + name + " did not complete. Try again, or sign in with your password.";
        });
    }

    /** {@code OIDC_ISSUER_URI} is set; {@link OidcSettingsCheck} has made sure that the rest is. */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String issuer = context.getEnvironment().getProperty("msp.sso.oidc.issuer-uri");
            return issuer != null && !issuer.isBlank();
        }
    }

    /**
     * Puts the matched user's ordinary session in place of Spring's OAuth2 authentication, then goes on as a password
     * sign-in does: to the page first asked for, else the overview.
     */
    private static final class SessionOfMatchedUser implements AuthenticationSuccessHandler {

        private final SecurityContextRepository contexts;
        private final SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();

        SessionOfMatchedUser(SecurityContextRepository contexts) {
            this.contexts = contexts;
            then.setDefaultTargetUrl("/");
        }

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                Authentication authentication) throws IOException, ServletException {
            SignedInUser user = ((VerifiedEmailAccounts.MatchedUser) authentication.getPrincipal()).user();
            Authentication session = UserSignIn.sessionOf(user);
            SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(session);
            holder.setContext(context);
            contexts.saveContext(context, request, response);
            then.onAuthenticationSuccess(request, response, session);
        }
    }

    /**
     * The provider's tokens are dropped after sign-in: the session is the dashboard's own, and nothing calls the
     * provider on the person's behalf, so there is no access token worth keeping (nor leaking).
     */
    private static final class NoStoredTokens implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
                Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
        }
    }
}
