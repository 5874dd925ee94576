package dev.aic.queryside.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/** A parked event in full: the letter and the event's stored payload and metadata. */
record DeadLetterDetail(
        DeadLetterView letter,
        @Schema(
                        description =
                                "The event's payload (JSON), its personal data decrypted or shown erased")
                JsonNode payload,
        @Schema(description = "The event's metadata as stored (JSON)") JsonNode metaData) {}
