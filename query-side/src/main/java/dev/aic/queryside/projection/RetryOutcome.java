package dev.aic.queryside.projection;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a retry did. */
record RetryOutcome(
        String processor,
        @Schema(description = "Sequences whose letters were handed to the handlers again")
                int sequencesRetried,
        @Schema(
                        description =
                                "Sequences all of whose letters were handled this time and left the queue")
                int sequencesCleared,
        @Schema(description = "Letters still parked in the retried sequences")
                long deadLettersLeft) {}
