package dev.aic.queryside.analytics;

import dev.aic.web.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keyed pseudonyms (HMAC-SHA256, hex) for the ids analytics keeps: the same member always gets the
 * same pseudonym, so an analyst can count distinct members and follow a session, but without the
 * key nobody can tell which member it is, nor test a guessed id against it, as a plain hash would
 * allow.
 */
@Component
public class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    @Autowired
    Pseudonyms(AnalyticsProperties properties) {
        this(properties.pseudonymKeyBytes());
    }

    Pseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public String of(UUID id) {
        return id == null ? null : of(id.toString());
    }

    /**
     * The id of a member's own analytics document: a keyed hash of the member's id under another
     * label than their pseudonym, so that it cannot be derived from the pseudonym and stays the
     * same when erasure removes that.
     */
    public UUID documentOf(UUID id) {
        String hash = of("analytics-document:" + id);
        return new UUID(
                Long.parseUnsignedLong(hash.substring(0, 16), 16),
                Long.parseUnsignedLong(hash.substring(16, 32), 16));
    }

    /**
     * The caller's platform user, or, for a signed-in identity not registered yet, its issuer and
     * subject.
     */
    public String of(Caller caller) {
        return caller.userId().map(this::of).orElseGet(() -> of(caller.key()));
    }

    String of(String value) {
        try {
            // a Mac is not thread-safe; creating one per call costs microseconds, far below a
            // search
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
