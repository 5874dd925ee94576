package dev.aic.queryside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.personaldata.FieldCipher;
import dev.aic.personaldata.MasterKey;
import dev.aic.personaldata.PersonalDataException;
import dev.aic.personaldata.PersonalDataProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Opaque page cursors: the sort keys of the last item of a page, bound to the query they came from.
 *
 * <p>A cursor is base64url of a small JSON document (a fingerprint of the query's sort order and
 * filters, and the keys) sealed with AES-256-GCM under a key derived from the personal-data master
 * key. A client can neither read what it holds (a registration time, a name) nor make one that
 * resumes where it likes; a cursor that does not open, or that belongs to another query, is refused
 * as {@link InvalidCursorException}. Every instance of the service derives the same key, so any of
 * them continues a listing; after the master key changes, older cursors are refused and the client
 * starts again from the first page.
 */
@Component
public final class Cursors {

    /** Display names are at most 100 characters; anything far longer was not made here. */
    public static final int MAX_LENGTH = 1024;

    private static final String PURPOSE = "page-cursor";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKey key;

    @Autowired
    Cursors(PersonalDataProperties personalData) {
        this(MasterKey.fromBase64(personalData.masterKey()).derive(PURPOSE));
    }

    Cursors(SecretKey key) {
        this.key = key;
    }

    /**
     * @param query what the listing was asked for, canonically (e.g. {@code
     *     "sort=displayName;role=ADMIN"})
     * @param keys the sort keys of the last item returned
     */
    public String encode(String query, List<String> keys) {
        try {
            byte[] payload = JSON.writeValueAsBytes(new Payload(fingerprint(query), keys));
            return ENCODER.encodeToString(FieldCipher.encrypt(key, PURPOSE, payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a cursor", e);
        }
    }

    /**
     * Where a page resumes: null without a cursor, else the cursor's two keys once they are checked
     * to be for {@code query} and {@code wellFormed} for its sort.
     */
    public List<String> resumeAfter(
            String cursor, String query, Predicate<List<String>> wellFormed) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        List<String> keys = decode(cursor, query, 2);
        if (!wellFormed.test(keys)) {
            throw new InvalidCursorException("The cursor was altered");
        }
        return keys;
    }

    /**
     * Keys of a listing ordered by an instant, then an id: both must parse, or the cursor was
     * altered.
     */
    public static boolean instantThenId(List<String> keys) {
        try {
            Instant.parse(keys.get(0));
            UUID.fromString(keys.get(1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The keys of a cursor made by {@link #encode} for the same {@code query} with {@code keyCount}
     * keys.
     */
    public List<String> decode(String cursor, String query, int keyCount) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("The cursor is too long to be one of ours");
        }
        byte[] sealed;
        try {
            sealed = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("The cursor is not base64url");
        }
        byte[] payload;
        try {
            payload = FieldCipher.decrypt(key, PURPOSE, sealed);
        } catch (PersonalDataException e) {
            throw new InvalidCursorException(
                    "The cursor was altered, or was not made by this service");
        }
        Payload decoded;
        try {
            decoded = JSON.readValue(payload, new TypeReference<>() {});
        } catch (java.io.IOException e) {
            throw new InvalidCursorException("The cursor was altered");
        }
        if (!fingerprint(query).equals(decoded.q())) {
            throw new InvalidCursorException(
                    "The cursor belongs to a listing with another sort order or other filters;"
                            + " start again without a cursor");
        }
        if (decoded.k() == null || decoded.k().size() != keyCount || decoded.k().contains(null)) {
            throw new InvalidCursorException("The cursor was altered");
        }
        return decoded.k();
    }

    private static String fingerprint(String query) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(query.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Short names keep cursors short: {@code q} the query fingerprint, {@code k} the keys. */
    private record Payload(String q, List<String> k) {}
}
