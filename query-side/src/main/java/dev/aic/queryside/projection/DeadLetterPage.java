package dev.aic.queryside.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a processor's dead letters, by sequence, then by their place in it. */
record DeadLetterPage(
        List<DeadLetterView> items,
        @Schema(
                        description =
                                "Pass as 'cursor' with the same filter for the next page; absent on the last page")
                String nextCursor) {}
