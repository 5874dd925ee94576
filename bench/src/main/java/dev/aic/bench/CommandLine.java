package dev.aic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The drivers' command lines: {@code --name value} pairs, and how a bad one ends the run. */
final class CommandLine {

    record Option(String name, String value) {}

    private CommandLine() {}

    /** The options in order; throws {@link IllegalArgumentException} for a name without a value. */
    static List<Option> options(String[] args) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            options.add(new Option(args[i], args[i + 1]));
        }
        return options;
    }

    /**
     * Parses the command line; on bad arguments prints why and the usage, and exits with status 2.
     */
    static <T> T parsedOrExit(Supplier<T> parse, String usage) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(usage);
            System.exit(2);
            throw e;
        }
    }
}
