package com.mspanalytics.auth.users;

import java.time.Duration;
import java.util.Arrays;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The sign-in form's check: throttled per account and per address ({@link SignInThrottle}), then the e-mail and
 * password against {@code tenant_users}. Whether the account exists or not, a wrong attempt gets the same message.
 */
@Component
public class UserSignIn implements AuthenticationProvider {

    public static final String WRONG = "The e-mail address or the password is wrong.";

    private final Users users;
    private final SignInThrottle throttle;

    UserSignIn(Users users, SignInThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String email = attempt.getName() == null ? "" : attempt.getName().strip();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        throttle.waitFor(email, address).ifPresent(wait -> {
            throw new Throttled(wait);
        });
        if (email.isEmpty() || email.length() > 254 || password.isEmpty() || password.length() > 200) {
            throttle.failed(email, address);
            throw new BadCredentialsException(WRONG);
        }
        return users.verify(email, password).<Authentication>map(user -> {
            throttle.succeeded(email);
            return new Session(user);
        }).orElseThrow(() -> {
            throttle.failed(email, address);
            return new BadCredentialsException(WRONG);
        });
    }

    /** The session's authentication of a user who signed in some other way (single sign-on): the same as a password's. */
    public static Authentication sessionOf(SignedInUser user) {
        return new Session(user);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many failures: the attempt was not even checked. */
    public static final class Throttled extends AuthenticationException {

        Throttled(Duration wait) {
            super("Too many failed sign-ins. Try again in " + Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0))
                    + " seconds.");
        }
    }

    /**
     * A signed-in user in Spring Security's terms: the role and every role below it as authorities
     * ({@code ROLE_ADMIN} includes {@code ROLE_MANAGER} and {@code ROLE_VIEWER}).
     */
    static final class Session extends AbstractAuthenticationToken {

        private final SignedInUser user;

        Session(SignedInUser user) {
            super(Arrays.stream(Role.values()).filter(user.role()::includes)
                    .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
            this.user = user;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public SignedInUser getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.email();
        }
    }
}
