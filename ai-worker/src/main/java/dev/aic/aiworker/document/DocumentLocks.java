package dev.aic.aiworker.document;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps the listener and the re-embedding job of one instance from processing the same document at
 * once. Locks are striped by document id: a fixed number, so that a corpus of any size costs no
 * memory; two documents sharing a stripe merely wait for each other.
 */
@Component
class DocumentLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    DocumentLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Waits until no one else processes the document, then runs the work. */
    <T> T inLock(UUID documentId, Supplier<T> work) {
        ReentrantLock lock = lockOf(documentId);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the work only if no one processes the document now; empty if someone does. */
    <T> Optional<T> ifFree(UUID documentId, Supplier<T> work) {
        ReentrantLock lock = lockOf(documentId);
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(work.get());
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(UUID documentId) {
        return locks[Math.floorMod(documentId.hashCode(), STRIPES)];
    }
}
