package dev.aic.commandside.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChainHashTest {

    private static final StoredEvent EVENT =
            new StoredEvent(
                    42,
                    "9c1e5a0e-ev",
                    "7f3b-agg",
                    3,
                    "User",
                    "dev.aic.contracts.user.UserEvent$Registered",
                    "1",
                    "2026-12-03T06:11:46.123Z",
                    "{\"userId\":\"7f3b-agg\"}".getBytes(StandardCharsets.UTF_8),
                    "{\"actorId\":\"a1\"}".getBytes(StandardCharsets.UTF_8));
    private static final byte[] PREVIOUS = HexFormat.of().parseHex("11".repeat(32));

    @Test
    void theHashIsSha256OfThePreviousHashAndTheLengthPrefixedColumnsInTheirFixedOrder()
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream canonical = new DataOutputStream(bytes);
        canonical.write(PREVIOUS);
        canonical.writeLong(42);
        text(canonical, "9c1e5a0e-ev");
        text(canonical, "7f3b-agg");
        canonical.writeLong(3);
        text(canonical, "User");
        text(canonical, "dev.aic.contracts.user.UserEvent$Registered");
        text(canonical, "1");
        text(canonical, "2026-12-03T06:11:46.123Z");
        text(canonical, "{\"userId\":\"7f3b-agg\"}");
        text(canonical, "{\"actorId\":\"a1\"}");

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());

        assertThat(new ChainHash().hash(PREVIOUS, EVENT)).isEqualTo(expected);
        assertThat(new ChainHash().seal(PREVIOUS, EVENT).hash()).isEqualTo(expected);
    }

    @Test
    void theSameEventAfterTheSameLinkAlwaysHashesAlike() {
        ChainHash hashes = new ChainHash();
        ChainHash.Seal first = hashes.seal(PREVIOUS, EVENT);
        ChainHash.Seal again = hashes.seal(PREVIOUS, EVENT);
        assertThat(again.hash()).isEqualTo(first.hash());
        assertThat(again.fieldDigests())
                .isEqualTo(first.fieldDigests())
                .hasSize(ChainHash.FIELD_DIGEST_BYTES);
    }

    @Test
    void anEventAfterAnotherLinkHashesDifferently() {
        assertThat(new ChainHash().hash(ChainHash.GENESIS, EVENT))
                .isNotEqualTo(new ChainHash().hash(PREVIOUS, EVENT));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change(
                        "globalIndex",
                        e ->
                                new StoredEvent(
                                        43,
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "eventIdentifier",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        "other",
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "aggregateIdentifier",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        "other",
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "sequenceNumber",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        4,
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "type",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        null,
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "payloadType",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        "dev.aic.Other",
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "payloadRevision",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        "2",
                                        e.timestamp(),
                                        e.payload(),
                                        e.metadata())),
                change(
                        "timestamp",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        "2026-12-03T06:11:46.124Z",
                                        e.payload(),
                                        e.metadata())),
                change(
                        "payload",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        "{\"userId\":\"7f3b-agh\"}"
                                                .getBytes(StandardCharsets.UTF_8),
                                        e.metadata())),
                change(
                        "metadata",
                        e ->
                                new StoredEvent(
                                        e.globalIndex(),
                                        e.eventIdentifier(),
                                        e.aggregateIdentifier(),
                                        e.sequenceNumber(),
                                        e.type(),
                                        e.payloadType(),
                                        e.payloadRevision(),
                                        e.timestamp(),
                                        e.payload(),
                                        null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeToAnyColumnChangesTheHashAndIsNamed(
            String field, UnaryOperator<StoredEvent> change) {
        ChainHash.Seal sealed = new ChainHash().seal(PREVIOUS, EVENT);
        ChainHash.Seal now = new ChainHash().seal(PREVIOUS, change.apply(EVENT));

        assertThat(now.hash()).isNotEqualTo(sealed.hash());
        assertThat(ChainHash.differingFields(sealed.fieldDigests(), now.fieldDigests()))
                .containsExactly(field);
    }

    @Test
    void columnsCannotTradeBytesWithTheirNeighbours() {
        StoredEvent ab = new StoredEvent(1, "e", "ab", 0, "c", "p", null, "t", new byte[0], null);
        StoredEvent abc = new StoredEvent(1, "e", "a", 0, "bc", "p", null, "t", new byte[0], null);
        assertThat(new ChainHash().hash(ChainHash.GENESIS, ab))
                .isNotEqualTo(new ChainHash().hash(ChainHash.GENESIS, abc));
    }

    @Test
    void aMissingValueIsNotAnEmptyOne() {
        StoredEvent missing =
                new StoredEvent(1, "e", "a", 0, null, "p", null, "t", new byte[0], null);
        StoredEvent empty = new StoredEvent(1, "e", "a", 0, "", "p", null, "t", new byte[0], null);
        ChainHash.Seal one = new ChainHash().seal(ChainHash.GENESIS, missing);
        ChainHash.Seal other = new ChainHash().seal(ChainHash.GENESIS, empty);
        assertThat(one.hash()).isNotEqualTo(other.hash());
        assertThat(ChainHash.differingFields(one.fieldDigests(), other.fieldDigests()))
                .isEqualTo(List.of("type"));
    }

    private static Arguments change(String field, UnaryOperator<StoredEvent> change) {
        return Arguments.of(field, change);
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
