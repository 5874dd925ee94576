package dev.aic.queryside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Opaque page cursors: the sort keys of the last item of a page, bound to the query they came from.
 *
 * <p>A cursor is base64url of a checksum and a small JSON document holding a fingerprint of the query
 * (sort order and filters) and the keys. A cursor that does not decode, whose checksum does not match
 * or that belongs to another query is refused as {@link InvalidCursorException}. The checksum is not a
 * signature: a client that forges a well-formed cursor only chooses where its listing resumes, while
 * every filter and every visibility rule is applied afresh on each request.
 */
public final class Cursors {

    /** Display names are at most 100 characters; anything far longer was not made here. */
    public static final int MAX_LENGTH = 1024;
    private static final int CHECKSUM_BYTES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    /**
     * @param query what the listing was asked for, canonically (e.g. {@code "sort=displayName;role=ADMIN"})
     * @param keys  the sort keys of the last item returned
     */
    public static String encode(String query, List<String> keys) {
        try {
            byte[] payload = JSON.writeValueAsBytes(new Payload(fingerprint(query), keys));
            return ENCODER.encodeToString(ByteBuffer.allocate(CHECKSUM_BYTES + payload.length)
                    .put(checksum(payload)).put(payload).array());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a cursor", e);
        }
    }

    /** The keys of a cursor made by {@link #encode} for the same {@code query} with {@code keyCount} keys. */
    /**
     * Where a page resumes: null without a cursor, else the cursor's two keys once they are checked to
     * be for {@code query} and {@code wellFormed} for its sort.
     */
    public static List<String> resumeAfter(String cursor, String query, java.util.function.Predicate<List<String>> wellFormed) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        List<String> keys = decode(cursor, query, 2);
        if (!wellFormed.test(keys)) {
            throw new InvalidCursorException("The cursor was altered");
        }
        return keys;
    }

    /** Keys of a listing ordered by an instant, then an id: both must parse, or the cursor was altered. */
    public static boolean instantThenId(List<String> keys) {
        try {
            Instant.parse(keys.get(0));
            UUID.fromString(keys.get(1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static List<String> decode(String cursor, String query, int keyCount) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("The cursor is too long to be one of ours");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("The cursor is not base64url");
        }
        if (bytes.length <= CHECKSUM_BYTES) {
            throw new InvalidCursorException("The cursor is truncated");
        }
        byte[] payload = Arrays.copyOfRange(bytes, CHECKSUM_BYTES, bytes.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(bytes, CHECKSUM_BYTES), checksum(payload))) {
            throw new InvalidCursorException("The cursor was altered");
        }
        Payload decoded;
        try {
            decoded = JSON.readValue(payload, new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new InvalidCursorException("The cursor was altered");
        }
        if (!fingerprint(query).equals(decoded.q())) {
            throw new InvalidCursorException("The cursor belongs to a listing with another sort order or other filters;"
                    + " start again without a cursor");
        }
        if (decoded.k() == null || decoded.k().size() != keyCount || decoded.k().contains(null)) {
            throw new InvalidCursorException("The cursor was altered");
        }
        return decoded.k();
    }

    private static String fingerprint(String query) {
        return ENCODER.encodeToString(Arrays.copyOf(sha256(query.getBytes(StandardCharsets.UTF_8)), 12));
    }

    private static byte[] checksum(byte[] payload) {
        return Arrays.copyOf(sha256(payload), CHECKSUM_BYTES);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Short names keep cursors short: {@code q} the query fingerprint, {@code k} the keys. */
    private record Payload(String q, List<String> k) {
    }
}
