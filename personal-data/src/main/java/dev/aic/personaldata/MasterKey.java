package dev.aic.personaldata;

import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every person's key in the key store, so a copy of the table (a dump, a replica, a
 * backup) alone reveals nothing. It comes from the environment or a KMS, never from the database.
 */
public final class MasterKey {

    private final SecretKey key;

    private MasterKey(SecretKey key) {
        this.key = key;
    }

    /** @param base64 32 random bytes, Base64-encoded ({@code openssl rand -base64 32}) */
    public static MasterKey fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The personal-data master key is not Base64", e);
        }
        if (bytes.length != FieldCipher.KEY_BYTES) {
            throw new IllegalArgumentException("The personal-data master key must be 32 bytes (AES-256), not "
                    + bytes.length);
        }
        return new MasterKey(new SecretKeySpec(bytes, "AES"));
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
