package dev.aic.queryside.rebuild;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The rebuilt read model next to the live one: per table (or index) the row (document) count and a
 * checksum of the content. Only a comparison at the same event position ({@code samePosition}) is a
 * verdict; while both models move, a difference may only mean that one has processed more events
 * than the other.
 */
@JsonIgnoreProperties(
        value = {"equal", "differences"},
        allowGetters = true)
public record Comparison(
        String projection,
        Long livePosition,
        Long rebuiltPosition,
        boolean samePosition,
        List<Part> parts) {

    /** One table or index, live and rebuilt. */
    @JsonIgnoreProperties(value = "equal", allowGetters = true)
    public record Part(
            String name,
            long liveCount,
            long rebuiltCount,
            String liveChecksum,
            String rebuiltChecksum) {

        @JsonProperty
        public boolean equal() {
            return liveCount == rebuiltCount && liveChecksum.equals(rebuiltChecksum);
        }
    }

    @JsonProperty
    public boolean equal() {
        return parts.stream().allMatch(Part::equal);
    }

    /** The tables or indices whose content differs. */
    @JsonProperty
    public List<String> differences() {
        return parts.stream().filter(part -> !part.equal()).map(Part::name).toList();
    }
}
