package dev.aic.commandside.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The link hash of the audit chain: {@code SHA-256(prev_hash ‖ canonical(event))}, where the
 * canonical encoding is the stored columns in a fixed order, numbers as 8-byte big-endian, text as
 * UTF-8 and every text or byte field prefixed by its 4-byte length (-1 for SQL NULL), so no two
 * different rows encode alike.
 *
 * <p>Beside the hash, each link keeps a CRC-32C of every field's encoding ({@link #FIELDS} order, 4
 * bytes each). They prove nothing (the SHA-256 chain does); they only let the verifier say
 * <em>which</em> columns of an altered event changed. Not thread-safe: one instance per sealing or
 * verifying run.
 */
public final class ChainHash {

    public static final int HASH_BYTES = 32;

    /** The previous hash of the chain's first link. */
    public static final byte[] GENESIS = new byte[HASH_BYTES];

    /** The sealed columns, in encoding order, as a report names them. */
    public static final List<String> FIELDS =
            List.of(
                    "globalIndex",
                    "eventIdentifier",
                    "aggregateIdentifier",
                    "sequenceNumber",
                    "type",
                    "payloadType",
                    "payloadRevision",
                    "timestamp",
                    "payload",
                    "metadata");

    public static final int FIELD_DIGEST_BYTES = 4 * 10;

    private final MessageDigest sha256;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);
    private ByteBuffer fieldDigests;

    public ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** A link's hash and its field digests. */
    public record Seal(byte[] hash, byte[] fieldDigests) {}

    /** The link of {@code event} after a link whose hash is {@code previousHash}. */
    public Seal seal(byte[] previousHash, StoredEvent event) {
        fieldDigests = ByteBuffer.allocate(FIELD_DIGEST_BYTES);
        byte[] hash = digest(previousHash, event);
        byte[] digests = fieldDigests.array();
        fieldDigests = null;
        return new Seal(hash, digests);
    }

    /** The hash alone, as a verifier recomputes it. */
    public byte[] hash(byte[] previousHash, StoredEvent event) {
        return digest(previousHash, event);
    }

    /**
     * The names of the fields whose digests differ: what changed in an event that no longer matches
     * its seal.
     */
    public static List<String> differingFields(byte[] sealed, byte[] now) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            int at = i * 4;
            if (sealed == null
                    || sealed.length < at + 4
                    || !Arrays.equals(sealed, at, at + 4, now, at, at + 4)) {
                fields.add(FIELDS.get(i));
            }
        }
        return fields;
    }

    private byte[] digest(byte[] previousHash, StoredEvent event) {
        sha256.reset();
        sha256.update(previousHash);
        number(event.globalIndex());
        text(event.eventIdentifier());
        text(event.aggregateIdentifier());
        number(event.sequenceNumber());
        text(event.type());
        text(event.payloadType());
        text(event.payloadRevision());
        text(event.timestamp());
        bytes(event.payload());
        bytes(event.metadata());
        return sha256.digest();
    }

    private void number(long value) {
        scratch.clear();
        scratch.putLong(value);
        field(scratch.array(), 0, Long.BYTES, null);
    }

    private void text(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        scratch.clear();
        scratch.putInt(value == null ? -1 : value.length);
        field(scratch.array(), 0, Integer.BYTES, value);
    }

    private void field(byte[] head, int offset, int length, byte[] value) {
        sha256.update(head, offset, length);
        if (value != null) {
            sha256.update(value);
        }
        if (fieldDigests != null) {
            crc.reset();
            crc.update(head, offset, length);
            if (value != null) {
                crc.update(value);
            }
            fieldDigests.putInt((int) crc.getValue());
        }
    }
}
