package dev.aic.commandside.audit;

import java.util.List;

/**
 * What a verification of the audit chain found.
 *
 * @param intact nothing sealed changed, moved or disappeared, the chain itself is whole, and every
 *     event up to the last sealed one is sealed: no finding at all
 * @param checked links checked (each one a sealed event read back and rehashed)
 * @param head the last link of the chain: keep its hash outside the database to detect a rewritten
 *     tail
 * @param firstBroken the first finding in chain order, null when intact
 * @param findings the findings, first ones first, at most {@link ChainVerifier#MAX_FINDINGS}
 * @param findingCount how many findings there were in all
 * @param unsealed events stored among sealed ones but not sealed, in a chain with missing or edited
 *     links: tampering (each also a finding)
 * @param pending events after the last sealed one, not sealed yet: the sealing processor's lag, no
 *     finding
 * @param tampered a finding other than {@link Kind#NEVER_SEALED}: something the chain vouched for
 *     changed
 * @param neverSealed events the sealer skipped while the chain stayed whole (each also a finding):
 *     a processing defect that {@code verify-chain --repair} seals at the chain's end
 * @param repairs every repair of the chain so far, oldest first
 */
public record VerificationReport(
        boolean intact,
        Long from,
        Long to,
        long checked,
        Head head,
        Finding firstBroken,
        List<Finding> findings,
        long findingCount,
        long unsealed,
        long pending,
        boolean tampered,
        long neverSealed,
        List<ChainRepair.RecordedRepair> repairs) {

    /** A link of the chain: its position, the event's global index and the link's hash (hex). */
    public record Head(long seq, long globalIndex, String hash) {}

    /**
     * One thing wrong.
     *
     * @param seq the chain position, when the finding is about a link
     * @param differs for {@link Kind#ALTERED}, the columns whose bytes changed
     * @param detail what was found, in words
     */
    public record Finding(
            Kind kind,
            Long seq,
            Long globalIndex,
            String eventIdentifier,
            List<String> differs,
            String detail) {}

    public enum Kind {
        /** A sealed event's stored bytes changed; {@code differs} names the columns. */
        ALTERED,
        /** A sealed event is now at another global index: the order of events changed. */
        MOVED,
        /** A sealed event is no longer in the event store. */
        MISSING,
        /**
         * An event sits among sealed ones without having been sealed, in a chain with missing or
         * edited links: its link may have been removed, or it was inserted behind the system's
         * back.
         */
        UNSEALED,
        /**
         * An event sits among sealed ones without having been sealed while the chain is whole: the
         * sealer skipped it (a processing defect). The chain never vouched for it, so nothing it
         * vouched for changed; a repair seals it at the chain's end.
         */
        NEVER_SEALED,
        /** The chain's own rows were altered: a link's hash or previous hash does not match. */
        CHAIN_ALTERED,
        /** Links of the chain are missing. */
        CHAIN_GAP,
        /**
         * The chain no longer has a link recorded outside the database: it was rewritten up to that
         * link.
         */
        ANCHOR_MISMATCH
    }
}
