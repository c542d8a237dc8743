package com.mspanalytics.secrets;

/**
 * Stored credentials that cannot be decrypted: sealed under a key that is no longer configured, or
 * not sealed for this tenant and connector (copied from another row), or altered. The message names
 * the connector, the tenant and the key id; it never contains any part of the credentials.
 */
public class UnreadableCredentials extends RuntimeException {

    UnreadableCredentials(String message, Throwable cause) {
        super(message, cause);
    }
}
