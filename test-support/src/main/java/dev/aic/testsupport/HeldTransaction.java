package dev.aic.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event appended in a database transaction that stays open until it is released: a slow command
 * as PostgreSQL sees it. Its global position is taken at the insert, so later transactions commit
 * positions above it first.
 */
public final class HeldTransaction {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final CompletableFuture<Long> position = new CompletableFuture<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final CompletableFuture<Void> ended;

    public HeldTransaction(
            TransactionTemplate transactions, ExecutorService writers, LongSupplier append) {
        this.ended =
                CompletableFuture.runAsync(
                        () ->
                                transactions.executeWithoutResult(
                                        status -> {
                                            try {
                                                position.complete(append.getAsLong());
                                            } catch (RuntimeException e) {
                                                position.completeExceptionally(e);
                                                throw e;
                                            }
                                            release.join();
                                        }),
                        writers);
    }

    /** The global position of the held event, once it is inserted (not committed). */
    public long position() {
        return get(position);
    }

    public void commit() {
        release.complete(null);
        get(ended);
    }

    private static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The held transaction failed", e);
        }
    }
}
