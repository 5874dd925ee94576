package dev.aic.queryside.document;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of the caller's documents, newest first. */
record DocumentPage(
        List<DocumentView> items,
        @Schema(
                        description =
                                "Pass as 'cursor' with the same owner for the next page; absent on the last page")
                String nextCursor) {}
