package com.mspanalytics.auth.users;

/**
 * What a password a person chooses must be: the length a password change demands ({@link Users#changePassword}),
 * and not the account's e-mail address.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = Users.MIN_PASSWORD_LENGTH;
    static final int MAX_LENGTH = 200;

    private PasswordPolicy() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code password} for the account {@code email} */
    static void check(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The password must have " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters.");
        }
        if (password.strip().equalsIgnoreCase(email.strip())) {
            throw new IllegalArgumentException("The password must not be your e-mail address.");
        }
    }
}
