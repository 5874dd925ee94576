package dev.aic.queryside.user;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a user listing. */
record UserPage(
        List<UserView> items,
        @Schema(
                        description =
                                "Pass as 'cursor' with the same sort and filters for the next page; absent on the last"
                                        + " page",
                        example = "q6mT0Kc3Hj97eyJxIjoiV2pCa0l...")
                String nextCursor) {}
