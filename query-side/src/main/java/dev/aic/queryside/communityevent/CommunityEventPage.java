package dev.aic.queryside.communityevent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a community event listing. */
record CommunityEventPage(
        List<CommunityEventView> items,
        @Schema(
                        description =
                                "Pass as 'cursor' with the same filters for the next page; absent on the last page")
                String nextCursor) {}
