package dev.aic.queryside.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A parked event: where it sits in its sequence, what it is, and why its handler failed. */
record DeadLetterView(
        @Schema(description = "The letter's id, to inspect or evict it") String id,
        @Schema(
                        description =
                                "The sequence the letter waits in: the aggregate id, for a domain event")
                String sequenceId,
        @Schema(
                        description =
                                "The letter's place in its sequence: letters are retried in this order")
                long sequenceIndex,
        @Schema(description = "The event's global index in the event store") Long globalIndex,
        @Schema(description = "The event's payload type") String eventType,
        String eventId,
        Instant eventTimestamp,
        String aggregateType,
        String aggregateId,
        @Schema(description = "The event's sequence number within its aggregate")
                Long aggregateSequenceNumber,
        @Schema(
                        description =
                                "Why the handler failed; absent for an event parked only because an earlier one of its"
                                        + " sequence is")
                ProjectionView.Failure cause,
        Instant enqueuedAt,
        @Schema(description = "When the letter was last enqueued or retried") Instant lastTouched,
        @Schema(description = "Retries that failed again") long retries) {}
