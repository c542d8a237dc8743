package com.mspanalytics.secrets;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a connector settings field holds, and the one parser of it. Every value is stored as the string it
 * was sent as; {@link ConnectorFields#problemsWith} refuses a document whose values do not parse, and the
 * code that uses a value reads it through the same parser ({@link ConnectorFields#value}), so that what
 * was accepted when saved is what is understood when used.
 *
 * <p>{@link #parse} takes a value that is neither null nor blank (blank means "not given"). Its
 * {@link InvalidValue} says what the value should be and never quotes it: the value may be a secret.
 *
 * @param <T> what a good value becomes
 */
public final class FieldKind<T> {

    /** Any string, kept as it is. */
    public static final FieldKind<String> TEXT = new FieldKind<>("text", value -> value);

    /** An address the service will call, taken as it is (no trimming); the outbound URL policy vets it on top. */
    public static final FieldKind<URI> URL = new FieldKind<>("URL", FieldKind::uri);

    /** A TCP port: a whole number from 1 to 65535. */
    public static final FieldKind<Integer> PORT = new FieldKind<>("port (1–65535)",
            value -> (int) wholeNumber(value, 1, 65_535, "must be a whole number from 1 to 65535"));

    /** A count: a whole number, 0 or more. */
    public static final FieldKind<Long> COUNT = new FieldKind<>("whole number (0 or more)",
            value -> wholeNumber(value, 0, Long.MAX_VALUE, "must be a whole number, 0 or more"));

    /** {@code true} or {@code false}, in any case. */
    public static final FieldKind<Boolean> BOOLEAN = new FieldKind<>("true or false", FieldKind::bool);

    /**
     * One e-mail address ({@code owner@msp.example} or {@code Owner <owner@msp.example>}), parsed strictly by
     * jakarta.mail; a group ({@code team: a@msp.example;}) is not one.
     */
    public static final FieldKind<InternetAddress> EMAIL = new FieldKind<>("e-mail address",
            value -> email(value, "must be an e-mail address"));

    /**
     * One or more e-mail addresses separated by commas (semicolons too); empty entries are skipped, so a trailing
     * comma is harmless. A display name cannot hold a comma.
     */
    public static final FieldKind<List<InternetAddress>> EMAIL_LIST = new FieldKind<>(
            "e-mail addresses separated by commas", FieldKind::emails);

    /** Why a value is not of its kind; the message completes "<field> …" and never contains the value. */
    public static final class InvalidValue extends IllegalArgumentException {

        InvalidValue(String message) {
            super(message);
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern ADDRESS_SEPARATOR = Pattern.compile("[,;]");

    private final String description;
    private final Function<String, T> parser;

    private FieldKind(String description, Function<String, T> parser) {
        this.description = description;
        this.parser = parser;
    }

    /**
     * @param value neither null nor blank
     * @throws InvalidValue when the value is not of this kind
     */
    public T parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a blank value is not given, not parsed");
        }
        return parser.apply(value);
    }

    /** What a value of this kind looks like, for documentation. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            // Not chained, and not e.getMessage(): both quote the input, and a URL may be a secret (Slack's).
            throw new InvalidValue("is not a valid URL");
        }
    }

    private static long wholeNumber(String value, long min, long max, String expectation) {
        String digits = value.strip();
        if (!DIGITS.matcher(digits).matches()) {
            throw new InvalidValue(expectation);
        }
        try {
            long number = Long.parseLong(digits);
            if (number < min || number > max) {
                throw new InvalidValue(expectation);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidValue(expectation);
        }
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValue("must be true or false");
        };
    }

    private static InternetAddress email(String value, String expectation) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (address.isGroup()) {
                throw new InvalidValue(expectation);
            }
            return address;
        } catch (AddressException e) {
            throw new InvalidValue(expectation);
        }
    }

    private static List<InternetAddress> emails(String value) {
        List<InternetAddress> addresses = new ArrayList<>();
        int entry = 0;
        for (String part : ADDRESS_SEPARATOR.split(value)) {
            if (part.isBlank()) {
                continue;
            }
            entry++;
            addresses.add(email(part, "must be e-mail addresses separated by commas; entry " + entry
                    + " is not an e-mail address"));
        }
        if (addresses.isEmpty()) {
            throw new InvalidValue("must name at least one e-mail address");
        }
        return List.copyOf(addresses);
    }
}
