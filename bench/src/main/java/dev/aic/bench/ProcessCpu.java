package dev.aic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time each of the platform's processes used, from Linux's {@code /proc}: what one command
 * costs across the whole platform, not only where the request landed.
 *
 * <p>A process's time is its own user and system time plus that of its children that ended (so the
 * PostgreSQL backends that exit count under the postmaster). In a JVM the JIT compiler threads
 * ({@code C1/C2 CompilerThread}) are counted apart: a service that is still compiling after
 * thousands of requests is a different problem from one whose requests cost too much. A compiler
 * thread the JVM retires between two samples takes its time out of the {@code jit} figure (it stays
 * in the process's), so {@code jit} is a lower bound. Where {@code /proc} does not exist every
 * figure is zero.
 */
final class ProcessCpu {

    private static final Path PROC = Path.of("/proc");

    /**
     * Linux's USER_HZ, which /proc reports times in; 100 on every architecture Java runs on here.
     */
    private static final double MILLIS_PER_TICK = 10.0;

    /** The platform's processes by what their command line says, in report order. */
    static final Map<String, Predicate<String>> PROCESSES = processes();

    /** CPU milliseconds by process name: all of it, and the JIT compilers' part. */
    record Sample(Map<String, Double> total, Map<String, Double> jit) {

        /** What was used from {@code earlier} to this sample. */
        Sample minus(Sample earlier) {
            return new Sample(difference(total, earlier.total), difference(jit, earlier.jit));
        }

        /** Each figure divided by {@code by}: per command, or per second. */
        Sample dividedBy(double by) {
            Map<String, Double> perTotal = new LinkedHashMap<>();
            Map<String, Double> perJit = new LinkedHashMap<>();
            total.forEach((name, millis) -> perTotal.put(name, millis / by));
            jit.forEach((name, millis) -> perJit.put(name, millis / by));
            return new Sample(perTotal, perJit);
        }

        double sum() {
            return total.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double jitSum() {
            return jit.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        private static Map<String, Double> difference(
                Map<String, Double> later, Map<String, Double> earlier) {
            Map<String, Double> difference = new LinkedHashMap<>();
            later.forEach(
                    (name, millis) ->
                            difference.put(name, millis - earlier.getOrDefault(name, 0.0)));
            return difference;
        }
    }

    private ProcessCpu() {}

    private static Map<String, Predicate<String>> processes() {
        Map<String, Predicate<String>> processes = new LinkedHashMap<>();
        processes.put("command-side", serviceJar("command-side"));
        processes.put("query-side", serviceJar("query-side"));
        processes.put("ai-worker", serviceJar("ai-worker"));
        processes.put("dev-identity", serviceJar("dev-identity"));
        processes.put(
                "postgresql",
                command -> command.startsWith("postgres") || command.contains("/bin/postgres "));
        processes.put("kafka", command -> command.contains(" kafka.Kafka "));
        processes.put(
                "opensearch", command -> command.contains("org.opensearch.bootstrap.OpenSearch"));
        processes.put("zipkin", command -> command.contains("zipkin-server"));
        processes.put("driver", command -> false);
        return processes;
    }

    private static Predicate<String> serviceJar(String service) {
        return command -> command.contains("/" + service + "-") && command.contains("-exec.jar");
    }

    static Sample sample() {
        Map<String, Double> total = new LinkedHashMap<>();
        Map<String, Double> jit = new LinkedHashMap<>();
        PROCESSES
                .keySet()
                .forEach(
                        name -> {
                            total.put(name, 0.0);
                            jit.put(name, 0.0);
                        });
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(
                            entry ->
                                    entry.getFileName()
                                            .toString()
                                            .chars()
                                            .allMatch(Character::isDigit))
                    .forEach(
                            process -> {
                                String name =
                                        Long.parseLong(process.getFileName().toString()) == self
                                                ? "driver"
                                                : nameOf(commandLine(process));
                                if (name != null) {
                                    total.merge(
                                            name,
                                            ticks(process.resolve("stat"), true) * MILLIS_PER_TICK,
                                            Double::sum);
                                    jit.merge(
                                            name,
                                            compilerTicks(process) * MILLIS_PER_TICK,
                                            Double::sum);
                                }
                            });
        } catch (IOException e) {
            // no /proc: zeros
        }
        return new Sample(total, jit);
    }

    private static String nameOf(String commandLine) {
        if (commandLine.isEmpty()) {
            return null;
        }
        return PROCESSES.entrySet().stream()
                .filter(entry -> entry.getValue().test(commandLine))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private static String commandLine(Path process) {
        try {
            return new String(
                            Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static long compilerTicks(Path process) {
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            return threads.filter(thread -> comm(thread).contains("CompilerThre"))
                    .mapToLong(thread -> ticks(thread.resolve("stat"), false))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String comm(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * utime + stime (fields 14 and 15 of stat), and with {@code children} cutime + cstime (16 and
     * 17).
     */
    private static long ticks(Path stat, boolean children) {
        try {
            String line = Files.readString(stat);
            // the command name, in parentheses, may hold spaces: the fields that follow start at
            // the state
            List<String> fields = List.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
            long own = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
            return children
                    ? own + Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14))
                    : own;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
