package com.mspanalytics.auth.users;

import com.mspanalytics.tenant.TenantContext;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's dashboard users: creating them with a generated password, reading them, changing passwords. */
@Service
public class Users {

    /** No 0/O, 1/l/I: a generated password is read off a console and typed. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_LENGTH = 20;
    static final int MIN_PASSWORD_LENGTH = 12;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final SecureRandom random = new SecureRandom();
    private final String unknownAccountHash;

    Users(UserRepository users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
        this.unknownAccountHash = passwords.encode(generatePassword());
    }

    /**
     * The tenant's user with that e-mail, created or (when it exists) given the role, with a new generated password:
     * the one moment the password exists outside its owner's hands.
     */
    @Transactional
    public NewUser createWithPassword(String email, String displayName, Role role) {
        String address = validEmail(email);
        String name = displayName == null || displayName.isBlank() ? address.substring(0, address.indexOf('@'))
                : displayName.strip();
        String password = generatePassword();
        TenantUser user = users.upsert(TenantContext.require(), address, name, role, passwords.encode(password));
        return new NewUser(user, password);
    }

    @Transactional(readOnly = true)
    public Optional<TenantUser> find(UUID id) {
        return users.find(id);
    }

    @Transactional(readOnly = true)
    public List<TenantUser> list() {
        return users.findAll();
    }

    /** @return false when {@code current} is not the user's password (nothing changes then) */
    @Transactional
    public boolean changePassword(UUID id, String current, String replacement) {
        if (replacement == null || replacement.length() < MIN_PASSWORD_LENGTH || replacement.length() > 200) {
            throw new IllegalArgumentException("The new password must have " + MIN_PASSWORD_LENGTH + " to 200 characters");
        }
        boolean matches = users.passwordHash(id).map(hash -> passwords.matches(current, hash)).orElse(false);
        if (matches) {
            users.setPasswordHash(id, passwords.encode(replacement));
        }
        return matches;
    }

    /** Sign-in's lookup: the first account with this e-mail whose hash the password matches, in any tenant. */
    @Transactional(readOnly = true)
    Optional<SignedInUser> verify(String email, String password) {
        List<UserRepository.Candidate> candidates = users.candidates(email.strip());
        if (candidates.isEmpty()) {
            passwords.matches(password, unknownAccountHash); // as slow as a wrong password: no hint the account is unknown
            return Optional.empty();
        }
        return candidates.stream().filter(candidate -> passwords.matches(password, candidate.passwordHash()))
                .map(UserRepository.Candidate::user).findFirst();
    }

    /**
     * Single sign-on's lookup, for an e-mail address the provider vouches for: the account with it when exactly one
     * tenant has one. Several tenants with the address cannot be told apart without a password, so that is no
     * account either. The same cross-tenant lookup as {@link #verify}.
     */
    @Transactional(readOnly = true)
    public Optional<SignedInUser> findOnlyAccount(String verifiedEmail) {
        List<UserRepository.Candidate> candidates = users.candidates(verifiedEmail.strip());
        return candidates.size() == 1 ? Optional.of(candidates.get(0).user()) : Optional.empty();
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** The address stripped and in lower case; {@link IllegalArgumentException} when it is none. */
    static String validEmail(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || address.length() > 254) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
        }
        return address;
    }

    /** A user and the password just generated for them. */
    public record NewUser(TenantUser user, String password) {
    }
}
