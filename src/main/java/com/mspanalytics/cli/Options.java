package com.mspanalytics.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options; anything else is refused with a message naming it. */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new java.util.HashSet<>();

    private Options() {
    }

    static Options parse(String[] args, Set<String> allowed) {
        return parse(args, allowed, Set.of());
    }

    /** @param flags options that take no value, like {@code --dry-run} */
    static Options parse(String[] args, Set<String> allowed, Set<String> flags) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.startsWith("--") && flags.contains(name.substring(2))) {
                options.flags.add(name.substring(2));
                continue;
            }
            if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
                java.util.List<String> known = java.util.stream.Stream.concat(allowed.stream(), flags.stream()).sorted().toList();
                throw new IllegalArgumentException("unknown option '" + name + "'" + (known.isEmpty()
                        ? "; this command takes no options" : "; allowed: --" + String.join(", --", known)));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + name + "' needs a value");
            }
            options.values.put(name.substring(2), args[++i]);
        }
        return options;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
