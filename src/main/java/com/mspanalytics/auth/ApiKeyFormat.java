package com.mspanalytics.auth;

import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * {@code msp_ak_<43 base62 characters: 256 random bits><6 base62 characters: CRC32 of them>}.
 *
 * <p>As with GitHub's tokens, the checksum lets us reject a mistyped or invented key without a
 * database round trip, and lets secret scanners recognise a real key by its shape.
 */
final class ApiKeyFormat {

    static final String PREFIX = "msp_ak_";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARS = 43;   // 62^43 > 2^256
    private static final int CHECKSUM_CHARS = 6;  // 62^6 > 2^32
    static final int LENGTH = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;
    /** Shown in listings so a user can tell keys apart; 5 random characters reveal ~30 of 256 bits. */
    static final int DISPLAY_PREFIX_LENGTH = PREFIX.length() + 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    static String generate() {
        StringBuilder random = new StringBuilder(RANDOM_CHARS);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return PREFIX + random + checksum(random);
    }

    static boolean isWellFormed(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(key.charAt(i)) < 0) {
                return false;
            }
        }
        CharSequence random = key.subSequence(PREFIX.length(), PREFIX.length() + RANDOM_CHARS);
        return checksum(random).equals(key.substring(PREFIX.length() + RANDOM_CHARS));
    }

    static String displayPrefix(String key) {
        return key.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    private static String checksum(CharSequence random) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < random.length(); i++) {
            crc.update(random.charAt(i));
        }
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(out);
    }
}
