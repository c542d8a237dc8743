package com.mspanalytics.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options; anything else is refused with a message naming it. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    static Options parse(String[] args, Set<String> allowed) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + name + "'" + (allowed.isEmpty()
                        ? "; this command takes no options" : "; allowed: --" + String.join(", --", allowed)));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + name + "' needs a value");
            }
            options.values.put(name.substring(2), args[++i]);
        }
        return options;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
