package com.mspanalytics.secrets;

/**
 * One encrypted credentials document as stored: AES-GCM output (ciphertext followed by the 128-bit
 * tag), the 96-bit nonce it was sealed with, and the id of the key that sealed it.
 */
record SealedCredentials(byte[] ciphertext, byte[] nonce, int keyId) {
}
