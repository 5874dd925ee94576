package dev.aic.queryside.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One projection: its processor, where it is in the event store, and how it is doing. */
record ProjectionView(
        @Schema(description = "The processor's (and processing group's) name") String processor,
        ProjectionKind kind,
        @Schema(
                        description =
                                "The worst status of the segments running in this instance; NOT_CLAIMED_HERE when none"
                                        + " does")
                ProjectionStatus status,
        @Schema(description = "Why the processor stopped, when status is ERROR") Failure error,
        @Schema(
                        description =
                                "Global index of the event store the slowest segment has reached (token store); absent"
                                        + " before the processor first ran")
                Long position,
        @Schema(description = "Events in the store after the slowest segment's position")
                long lagEvents,
        @Schema(
                        description =
                                "Age in seconds of the oldest event not processed yet; 0 when caught up")
                long lagSeconds,
        @Schema(description = "Events parked in the processor's dead-letter queue")
                long deadLetters,
        List<SegmentView> segments) {

    /** One segment of the processor. */
    record SegmentView(
            int segment,
            @Schema(description = "Global index of the segment's token") Long position,
            long lagEvents,
            ProjectionStatus status,
            @Schema(
                            description =
                                    "The instance holding the segment's claim, as the token store names it")
                    String owner,
            Failure error) {}

    /** An exception, by type and message. */
    record Failure(String type, String message) {

        static Failure of(Throwable error) {
            return error == null
                    ? null
                    : new Failure(error.getClass().getName(), error.getMessage());
        }
    }
}
