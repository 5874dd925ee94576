package dev.aic.commandside.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque cursor of an entity's history: the last sequence number of a page, bound to the
 * entity, with a checksum. A forged but well-formed cursor only chooses where the listing resumes.
 */
final class HistoryCursor {

    private static final int CHECKSUM_BYTES = 8;
    private static final int MAX_LENGTH = 512;

    private HistoryCursor() {}

    static String after(String aggregateId, long sequenceNumber) {
        byte[] payload = (aggregateId + "\n" + sequenceNumber).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ByteBuffer.allocate(CHECKSUM_BYTES + payload.length)
                                .put(checksum(payload))
                                .put(payload)
                                .array());
    }

    /** The sequence number a page resumes after, or -1 without a cursor. */
    static long resumeAfter(String cursor, String aggregateId) {
        if (cursor == null || cursor.isEmpty()) {
            return -1;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("The cursor is too long to be one of ours");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
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
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 2 || !parts[0].equals(aggregateId)) {
            throw new InvalidCursorException(
                    "The cursor belongs to another entity's history; start again without one");
        }
        try {
            return Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new InvalidCursorException("The cursor was altered");
        }
    }

    private static byte[] checksum(byte[] payload) {
        try {
            return Arrays.copyOf(
                    MessageDigest.getInstance("SHA-256").digest(payload), CHECKSUM_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
