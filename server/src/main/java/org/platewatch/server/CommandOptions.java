package org.platewatch.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one launcher subcommand: {@code --name value} pairs and bare flags. Anything
 * not declared is an error, so a mistyped option never silently does nothing.
 */
final class CommandOptions {

    private final Map<String, String> values = new HashMap<>();

    private CommandOptions() {}

    static CommandOptions parse(List<String> args, Set<String> withValue, Set<String> flags) {
        CommandOptions options = new CommandOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && inline == null) {
                options.values.put(name, "true");
            } else if (withValue.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.values.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return options;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return get(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    Optional<Double> number(String name) {
        return get(name).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UsageException("option --" + name + " must be a number, not '" + v + "'");
            }
        });
    }

    Optional<Integer> integer(String name) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("option --" + name + " must be a whole number, not '" + v + "'");
            }
        });
    }

    /** Bad command-line input: printed as one line, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
