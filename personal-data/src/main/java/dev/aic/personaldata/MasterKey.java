package dev.aic.personaldata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every person's key in the key store, so a copy of the table (a dump, a
 * replica, a backup) alone reveals nothing. It comes from the environment or a KMS, never from the
 * database.
 */
public final class MasterKey {

    private final SecretKey key;

    private MasterKey(SecretKey key) {
        this.key = key;
    }

    /**
     * @param base64 32 random bytes, Base64-encoded ({@code openssl rand -base64 32})
     */
    public static MasterKey fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The personal-data master key is not Base64", e);
        }
        if (bytes.length != FieldCipher.KEY_BYTES) {
            throw new IllegalArgumentException(
                    "The personal-data master key must be 32 bytes (AES-256), not " + bytes.length);
        }
        return new MasterKey(new SecretKeySpec(bytes, "AES"));
    }

    /**
     * An AES-256 key for another {@code purpose}, derived from this one (HKDF-Expand of RFC 5869,
     * one block): a deployment keeps a single secret, and where the well-known development key is
     * refused, so are its derivatives. The master key never leaves this class.
     */
    public SecretKey derive(String purpose) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            hmac.update(("aic/" + purpose).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(hmac.doFinal(new byte[] {1}), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    byte[] wrap(UUID subject, SecretKey subjectKey) {
        return FieldCipher.encrypt(key, associatedData(subject), subjectKey.getEncoded());
    }

    SecretKey unwrap(UUID subject, byte[] wrapped) {
        return new SecretKeySpec(FieldCipher.decrypt(key, associatedData(subject), wrapped), "AES");
    }

    private static String associatedData(UUID subject) {
        return "personal-data-key/" + subject;
    }
}
