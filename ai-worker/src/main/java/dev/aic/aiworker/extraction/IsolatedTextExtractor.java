package dev.aic.aiworker.extraction;

import dev.aic.contracts.document.ProcessingFailureReason;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts each document in a Java process of its own ({@link ExtractionChild}), with its own heap
 * and a deadline: a document that fills the heap, overflows the stack or never ends costs that
 * process, never the worker. The process ends with {@code -XX:+ExitOnOutOfMemoryError}, so running
 * out of memory is its exit status 3 ({@link ProcessingFailureReason#TOO_LARGE_WHEN_EXTRACTED});
 * past the deadline it is killed ({@link ProcessingFailureReason#EXTRACTION_TIMEOUT}); any other
 * end without a result is {@link ProcessingFailureReason#EXTRACTION_CRASHED}.
 *
 * <p>At most {@code concurrency} processes run at once; a caller beyond that waits for a free one,
 * so the memory of extraction is bounded by concurrency × heap.
 */
public final class IsolatedTextExtractor implements DocumentExtractor {

    /** The exit status of a JVM that ends with {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int OUT_OF_MEMORY_STATUS = 3;

    private static final Logger log = LoggerFactory.getLogger(IsolatedTextExtractor.class);
    private static final String BOOT_LAUNCHER =
            "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final ExtractionLimits limits;
    private final Settings settings;
    private final Semaphore slots;
    private final ExecutorService pipes =
            Executors.newCachedThreadPool(
                    runnable -> {
                        Thread thread = new Thread(runnable, "extraction-pipe");
                        thread.setDaemon(true);
                        return thread;
                    });

    /**
     * How the extraction processes run.
     *
     * @param heapBytes the heap of one process ({@code -Xmx})
     * @param timeout how long one document may take, start of the process included
     * @param concurrency how many processes may run at once
     */
    public record Settings(long heapBytes, Duration timeout, int concurrency) {

        public Settings {
            if (heapBytes < 16L * 1024 * 1024
                    || timeout.isNegative()
                    || timeout.isZero()
                    || concurrency < 1) {
                throw new IllegalArgumentException(
                        "extraction process settings out of range: heap "
                                + heapBytes
                                + " bytes (at least 16MB), timeout "
                                + timeout
                                + ", concurrency "
                                + concurrency);
            }
        }
    }

    public IsolatedTextExtractor(ExtractionLimits limits, Settings settings) {
        this.limits = limits;
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrency(), true);
    }

    @Override
    public ExtractedDocument extract(byte[] bytes, String mediaType) {
        DocumentFormat format = TextExtractor.admit(bytes, mediaType, limits);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while waiting for an extraction process", e);
        }
        try {
            return run(bytes, mediaType, format);
        } finally {
            slots.release();
        }
    }

    private ExtractedDocument run(byte[] bytes, String mediaType, DocumentFormat format) {
        Process process;
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command(mediaType))
                            .redirectError(ProcessBuilder.Redirect.INHERIT);
            // the worker's agent and logging options (a GC log file, say) are not the extraction
            // process's
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("The extraction process cannot start", e);
        }
        try {
            pipes.execute(() -> feed(process.getOutputStream(), bytes));
            CompletableFuture<byte[]> output =
                    CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), pipes);
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new ExtractionFailedException(
                        ProcessingFailureReason.EXTRACTION_TIMEOUT,
                        "The "
                                + format
                                + " document was still being extracted after "
                                + settings.timeout().toSeconds()
                                + " s, the limit; extraction was stopped");
            }
            int status = process.exitValue();
            if (status == OUT_OF_MEMORY_STATUS) {
                throw new ExtractionFailedException(
                        ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED,
                        "The "
                                + format
                                + " document needs more than "
                                + settings.heapBytes() / (1024 * 1024)
                                + " MB of memory to extract, the limit; it unpacks to far more than its size");
            }
            byte[] result = output.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (status != 0 || result.length == 0) {
                throw crashed(format, status);
            }
            return ExtractionWire.read(
                    new DataInputStream(new java.io.ByteArrayInputStream(result)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting", e);
        } catch (EOFException e) {
            throw crashed(format, process.exitValue());
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "The result of the extraction process cannot be read", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static ExtractionFailedException crashed(DocumentFormat format, int status) {
        log.atWarn()
                .addKeyValue("format", format)
                .addKeyValue("exitStatus", status)
                .log("Extraction process ended without a result");
        return new ExtractionFailedException(
                ProcessingFailureReason.EXTRACTION_CRASHED,
                "The extraction of the "
                        + format
                        + " document ended without a result (exit status "
                        + status
                        + "); the file may be damaged");
    }

    private static void feed(OutputStream in, byte[] bytes) {
        try (in) {
            in.write(bytes);
        } catch (IOException e) {
            // the process ended before it read everything: its exit status says why
        }
    }

    private static byte[] drain(InputStream out) {
        try (InputStream buffered = new BufferedInputStream(out)) {
            return buffered.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(String mediaType) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.heapBytes());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        if (launchedFromBootJar()) {
            // the worker's executable jar: Boot's launcher finds the classes nested in it
            command.add("-Dloader.main=" + ExtractionChild.class.getName());
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(ExtractionChild.class.getName());
        }
        command.add(mediaType);
        command.add(Long.toString(limits.maxBytes()));
        command.add(Integer.toString(limits.maxCharacters()));
        command.add(Integer.toString(limits.maxPages()));
        command.add(Long.toString(limits.maxCompressionRatio()));
        command.add(Integer.toString(limits.maxDepth()));
        return command;
    }

    private static boolean launchedFromBootJar() {
        return ExtractionChild.class
                .getClassLoader()
                .getClass()
                .getName()
                .startsWith("org.springframework.boot.loader");
    }
}
