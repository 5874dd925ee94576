package dev.aic.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faults of the infrastructure, injected through the repository's native launcher: {@code ./infra
 * kill pg} is a {@code kill -9} of PostgreSQL's postmaster, {@code ./infra start pg} its crash
 * recovery, {@code ./infra stop kafka} a broker shutdown. The launcher reads the same {@code
 * AIC_*_PORT} settings as the test run, so it acts on the infrastructure the platform uses.
 */
final class InfraFaults {

    private InfraFaults() {}

    static void killPostgres() {
        infra("kill", "pg");
    }

    static void startPostgres() {
        infra("start", "pg");
    }

    static void stopKafka() {
        String output = infra("stop", "kafka");
        if (!output.contains("kafka stopped")) {
            throw new IllegalStateException(
                    "No broker was stopped (is the platform on other infrastructure?): " + output);
        }
    }

    static void startKafka() {
        infra("start", "kafka");
    }

    private static String infra(String... arguments) {
        List<String> command = new ArrayList<>(List.of("./infra"));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(repositoryRoot().toFile())
                            .redirectErrorStream(true)
                            .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 5 minutes");
            }
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        command + " failed with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        }
    }

    private static Path repositoryRoot() {
        Path dir =
                Path.of(System.getProperty("aic.services.dir", "..")).toAbsolutePath().normalize();
        if (!Files.isExecutable(dir.resolve("infra"))) {
            throw new IllegalStateException(
                    "No ./infra launcher in "
                            + dir
                            + ": the infrastructure fault tests need the native infrastructure");
        }
        return dir;
    }
}
