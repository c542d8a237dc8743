package com.mspanalytics.simulator.anthropic;

/**
 * A deterministic stand-in for Claude's tokenizer: a run of letters costs one token per 4 characters (rounded up),
 * a run of digits one per 3, every other visible character one. Close enough to real counts for budgets and
 * cost estimates, and stable so tests can assert exact numbers.
 */
final class Tokens {

    private Tokens() {}

    static int count(String text) {
        int tokens = 0, i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < text.length() && Character.isLetter(text.charAt(i))) i++;
                tokens += (i - start + 3) / 4;
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
                tokens += (i - start + 2) / 3;
            } else {
                tokens++;
                i++;
            }
        }
        return tokens;
    }
}
