package dev.aic.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL one command sent to PostgreSQL, counted by the command-side itself: with {@code
 * AIC_BENCH_COUNT_STATEMENTS=true} it counts every statement and round trip on its connections
 * (datasource-proxy) and exposes the counts on {@code /actuator/prometheus}; this reads them before
 * and after a phase and divides by the phase's commands. {@code request} is the work on the HTTP
 * request's thread, the command itself; {@code background} the event processors, schedulers and
 * listeners that follow it (their token updates, the audit chain, the Kafka publication). Without
 * the counting the block says so and the figures are absent.
 */
record SqlPerCommand(Counts used, long commands) {

    /** Statements by (origin, kind, text) and round trips by (origin, kind). */
    record Counts(Map<String, Double> statements, Map<String, Double> roundTrips) {

        boolean isEmpty() {
            return statements.isEmpty();
        }

        Counts minus(Counts before) {
            return new Counts(
                    difference(statements, before.statements),
                    difference(roundTrips, before.roundTrips));
        }

        private static Map<String, Double> difference(
                Map<String, Double> after, Map<String, Double> before) {
            Map<String, Double> delta = new TreeMap<>();
            after.forEach(
                    (key, value) -> {
                        double d = value - before.getOrDefault(key, 0.0);
                        if (d > 0) {
                            delta.put(key, d);
                        }
                    });
            return delta;
        }
    }

    private static final Pattern SAMPLE =
            Pattern.compile("^(aic_bench_jdbc_(?:statements|round_trips)_total)\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String SEPARATOR = "\t";

    /** Reads the command-side's counters now; empty when it does not count. */
    static Counts sample(Http http, URI commandSide, String authorization)
            throws IOException, InterruptedException {
        String scrape =
                http.getText(URI.create(commandSide + "/actuator/prometheus"), authorization);
        Map<String, Double> statements = new TreeMap<>();
        Map<String, Double> roundTrips = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), unescape(label.group(2)));
            }
            double value = Double.parseDouble(sample.group(3));
            String originKind = labels.get("origin") + SEPARATOR + labels.get("kind");
            if (sample.group(1).startsWith("aic_bench_jdbc_statements")) {
                statements.merge(originKind + SEPARATOR + labels.get("sql"), value, Double::sum);
            } else {
                roundTrips.merge(originKind, value, Double::sum);
            }
        }
        return new Counts(statements, roundTrips);
    }

    private static String unescape(String value) {
        return value.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }

    private double per(double count) {
        return count / Math.max(1, commands);
    }

    private double roundTrips(String origin) {
        return per(
                used.roundTrips().entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(origin + SEPARATOR))
                        .mapToDouble(Map.Entry::getValue)
                        .sum());
    }

    private Map<String, Double> byKind(String origin) {
        Map<String, Double> kinds = new TreeMap<>();
        used.statements()
                .forEach(
                        (key, count) -> {
                            String[] parts = key.split(SEPARATOR, 3);
                            if (parts[0].equals(origin)) {
                                kinds.merge(parts[1], per(count), Double::sum);
                            }
                        });
        return kinds;
    }

    String text(String command) {
        if (used.isEmpty()) {
            return "sql       not counted: start the command-side with AIC_BENCH_COUNT_STATEMENTS=true"
                    + " (docs/benchmarks.md)\n";
        }
        StringBuilder text = new StringBuilder();
        for (String origin : new String[] {"request", "background"}) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "sql       %-10s %.2f round trips per %s, statements %s%n",
                            origin,
                            roundTrips(origin),
                            command,
                            kinds(byKind(origin))));
            used.statements().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(origin + SEPARATOR))
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                    .filter(entry -> per(entry.getValue()) >= 0.01)
                    .forEach(
                            entry ->
                                    text.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "            %6.2f  %s%n",
                                                    per(entry.getValue()),
                                                    entry.getKey().split(SEPARATOR, 3)[2])));
        }
        return text.toString();
    }

    private static String kinds(Map<String, Double> kinds) {
        StringBuilder text = new StringBuilder();
        kinds.forEach(
                (kind, count) ->
                        text.append(text.isEmpty() ? "" : ", ")
                                .append(String.format(Locale.ROOT, "%s %.2f", kind, count)));
        return text.toString();
    }

    void json(ObjectNode parent, String name) {
        if (used.isEmpty()) {
            return;
        }
        ObjectNode node = parent.putObject(name);
        node.put("commands", commands);
        for (String origin : new String[] {"request", "background"}) {
            ObjectNode side = node.putObject(origin);
            side.put("roundTripsPerCommand", Summary.round(roundTrips(origin)));
            ObjectNode kinds = side.putObject("statementsPerCommand");
            byKind(origin).forEach((kind, count) -> kinds.put(kind, Summary.round(count)));
            ObjectNode statements = side.putObject("statements");
            used.statements()
                    .forEach(
                            (key, count) -> {
                                String[] parts = key.split(SEPARATOR, 3);
                                if (parts[0].equals(origin)) {
                                    statements.put(parts[2], Summary.round(per(count)));
                                }
                            });
        }
    }
}
