package dev.aic.queryside.reconciliation;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one check found for one processor: how far all its segments have read, and each bucket where
 * the events it took cannot be the events the store holds of the types it handles.
 *
 * @param checkedUpTo the lowest position any segment has read to; -1 when the processor has read
 *     nothing yet
 */
record ProcessorFinding(String processor, long checkedUpTo, List<BucketMismatch> mismatches) {

    /**
     * @param certain stored events of the processor's types that every segment has passed without a
     *     gap: taken
     * @param uncertain stored events of its types that a segment may or may not have taken yet: in
     *     a gap of a token (committed late, to be filled) or beyond the slowest segment
     * @param taken events the ledger says the processor took in the bucket
     * @param sameEvents whether the ledger's checksum is the store's: with nothing uncertain, equal
     *     counts with different checksums are an event taken twice hiding one never taken
     */
    record BucketMismatch(
            long bucket, long certain, long uncertain, long taken, boolean sameEvents) {

        long missing() {
            return Math.max(certain - taken, sameEvents || taken != certain ? 0 : 1);
        }

        long surplus() {
            return Math.max(taken - certain - uncertain, sameEvents || taken != certain ? 0 : 1);
        }
    }

    boolean matches() {
        return mismatches.isEmpty();
    }

    /** Events of the store the processor has passed without taking them. */
    long missing() {
        return mismatches.stream().mapToLong(BucketMismatch::missing).sum();
    }

    /**
     * Events taken more often than the store holds them: a redelivery the ledger was not reset for.
     */
    long surplus() {
        return mismatches.stream().mapToLong(BucketMismatch::surplus).sum();
    }

    OptionalLong firstMismatchedBucket() {
        return mismatches.stream().mapToLong(BucketMismatch::bucket).min();
    }
}
