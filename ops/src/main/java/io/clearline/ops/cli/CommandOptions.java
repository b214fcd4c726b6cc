package io.clearline.ops.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a command line of the form {@code --name value} or {@code --name=value}, each at most
 * once. Failure: {@link IllegalArgumentException} for an option not in the command's set, a repeated
 * one, one without a value, or a word that is no option; its message is meant for the user.
 */
public final class CommandOptions {
    private final Map<String, String> values;

    private CommandOptions(Map<String, String> values) {
        this.values = values;
    }

    /** @param known the names the command takes, without the leading dashes */
    public static CommandOptions parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (!word.startsWith("--") || word.length() == 2) {
                throw new IllegalArgumentException("expected an option (--name value), not '" + word + "'");
            }
            int equals = word.indexOf('=');
            String name = equals < 0 ? word.substring(2) : word.substring(2, equals);
            String value;
            if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: --"
                        + String.join(", --", known.stream().sorted().toList()) + ")");
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        return new CommandOptions(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public String required(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
    }

    /** A whole number in {@code [min, max]}, or {@code otherwise} when not given. */
    public long number(String name, long otherwise, long min, long max) {
        Optional<String> given = get(name);
        if (given.isEmpty()) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(given.get());
            if (value < min || value > max) {
                throw new IllegalArgumentException("--" + name + " is between " + min + " and " + max + ": " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is a whole number, not '" + given.get() + "'", e);
        }
    }
}
