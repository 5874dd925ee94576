package dev.aic.personaldata;

import java.util.UUID;
import javax.crypto.SecretKey;

/** The per-person keys personal data is encrypted with. */
public interface SubjectKeys {

    /**
     * The person's key, created on first use. Throws when the person was erased: nothing new is
     * written about them.
     */
    SecretKey keyFor(UUID subject);

    /** The person's key as it stands, never creating one. */
    SubjectKey lookup(UUID subject);

    /**
     * Forgets what this instance remembers about the person, so the next read asks the key store.
     */
    void evict(UUID subject);
}
