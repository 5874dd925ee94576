package dev.aic.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * One of the platform's services running as its own JVM from its runnable jar, with its output in a
 * log file under the module's {@code target/}. Tests stop it gracefully or kill it outright.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private long logStart;
    private Process process;

    private ServiceProcess(String name, int port, Path log) {
        this.name = name;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(String module, int port, Map<String, String> environment) {
        return start(module, module, port, environment);
    }

    /** One more instance of {@code module}, logging to {@code target/services/<instance>.log}. */
    static ServiceProcess start(
            String module, String instance, int port, Map<String, String> environment) {
        Path root =
                Path.of(System.getProperty("aic.services.dir", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("aic.services.version", "0.1.0-SNAPSHOT");
        Path jar =
                root.resolve(module)
                        .resolve("target")
                        .resolve(module + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No runnable jar " + jar + ": build the services first (mvn package)");
        }
        Path log = Path.of("target", "services", instance + ".log").toAbsolutePath();
        var service = new ServiceProcess(instance, port, log);
        service.launch(jar, environment);
        return service;
    }

    private void launch(Path jar, Map<String, String> environment) {
        try {
            Files.createDirectories(log.getParent());
            logStart = Files.exists(log) ? Files.size(log) : 0;
            // the ai-worker reads its ONNX model (90 MB) through the heap while it loads it
            String heap = name.startsWith("ai-worker") ? "-Xmx768m" : "-Xmx384m";
            var builder =
                    new ProcessBuilder(
                                    "java",
                                    heap,
                                    "-XX:+ExitOnOutOfMemoryError",
                                    "-XX:TieredStopAtLevel=1",
                                    "-jar",
                                    jar.toString(),
                                    "--server.port=" + port)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    ServiceProcess awaitReady(Duration atMost) {
        Awaitility.await(name + " ready (log: " + log + ")")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        name
                                                + " exited with "
                                                + process.exitValue()
                                                + "; log: "
                                                + log);
                            }
                            return isReady();
                        });
        return this;
    }

    boolean isReady() {
        try {
            var request =
                    HttpRequest.newBuilder(url("/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** What this process has logged (the file also holds earlier runs). */
    String logText() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(
                    all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    /**
     * The operating system's process id: the query-side names a claim's owner {@code
     * <pid>@<host>/<context id>}.
     */
    long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hooks, no graceful drain. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, and waits up to {@code atMost} for the process to exit;
     * returns how long its shutdown took. Fails (after a {@code kill -9}) if it did not exit in
     * time: a shutdown that hangs is what the orchestrator ends with SIGKILL, in-flight work and
     * all.
     */
    Duration terminate(Duration atMost) {
        long signalled = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(
                        name + " still running " + atMost + " after SIGTERM; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name + " to exit", e);
        }
        return Duration.ofNanos(System.nanoTime() - signalled);
    }

    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(
                    Duration.ofSeconds(30).toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
