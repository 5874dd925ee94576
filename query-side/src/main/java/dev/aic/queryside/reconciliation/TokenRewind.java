package dev.aic.queryside.reconciliation;

import dev.aic.eventstore.TokenTable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a processor back to the start of a bucket: every segment's token goes back to just before
 * it (keeping the gaps below it), and the ledger forgets what the processor took from there, in one
 * transaction with the token rows locked. The processor takes the bucket's events again, and every
 * projection here treats an event it already reflects as done. Whichever instance owns the segments
 * loses them at its next token update and reads the rewound token when it claims them again, once
 * the reconciliation's claim expired.
 */
@Component
class TokenRewind {

    private static final Logger log = LoggerFactory.getLogger(TokenRewind.class);

    /**
     * The owner a rewound segment is left with until its claim expires; no processor is named like
     * this. Releasing the claim (owner null) would not do: Axon's store lets an owner that finds
     * its claim released claim it again and overwrite the token with the one it holds in memory. A
     * claim held by nobody that runs expires after the token store's claim timeout; then any
     * instance claims the segment and reads the rewound token.
     */
    static final String REWIND_OWNER = "aic-reconciliation";

    private final TokenTable tokens;
    private final ProcessedEventCounts ledger;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    TokenRewind(
            TokenTable tokens,
            ProcessedEventCounts ledger,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @return whether the processor was rewound; not while another instance rewinds or a replay is
     *     running
     */
    boolean rewind(String processor, long bucket) {
        return Boolean.TRUE.equals(
                transaction.execute(
                        status -> {
                            // one rewind at a time across instances: two checks that saw the same
                            // mismatch rewind once
                            if (!Boolean.TRUE.equals(
                                    jdbc.queryForObject(
                                            "SELECT pg_try_advisory_xact_lock(hashtext('aic.reconciliation.rewind'))",
                                            Boolean.class))) {
                                return false;
                            }
                            long start = ProcessedEventCounts.startOf(bucket);
                            List<TokenTable.Segment> segments = tokens.lockSegments(processor);
                            List<TokenTable.Segment> rewound = new ArrayList<>();
                            for (TokenTable.Segment segment : segments) {
                                TrackingToken token = segment.token();
                                if (token != null && !(token instanceof GapAwareTrackingToken)) {
                                    log.info(
                                            "Processor {} is replaying or merging (segment {}): its rewind waits for the next check",
                                            processor,
                                            segment.segment());
                                    return false;
                                }
                                rewound.add(
                                        new TokenTable.Segment(
                                                segment.segment(),
                                                before(start, (GapAwareTrackingToken) token),
                                                REWIND_OWNER));
                            }
                            rewound.forEach(
                                    segment ->
                                            tokens.store(
                                                    processor,
                                                    segment.segment(),
                                                    segment.token(),
                                                    segment.owner()));
                            ledger.clearFrom(processor, bucket);
                            return true;
                        }));
    }

    /**
     * The token just before {@code start}: its gaps below stay, since they may still fill. Before
     * the first bucket, no token at all, so the processor starts from the store's first event. A
     * token that is not yet at {@code start} stays as it is.
     */
    static GapAwareTrackingToken before(long start, GapAwareTrackingToken token) {
        if (token == null || token.getIndex() < start) {
            return token;
        }
        if (start <= 1) {
            return null;
        }
        return GapAwareTrackingToken.newInstance(
                start - 1, new TreeSet<>(token.getGaps().headSet(start - 1)));
    }
}
