package dev.aic.personaldata;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Keys held in memory, with the key store's rules: created on first use, never again once erased.
 */
final class InMemorySubjectKeys implements SubjectKeys {

    private final Map<UUID, SecretKey> keys = new HashMap<>();
    private final Set<UUID> erased = new HashSet<>();

    @Override
    public SecretKey keyFor(UUID subject) {
        if (erased.contains(subject)) {
            throw new PersonalDataException("erased: " + subject);
        }
        return keys.computeIfAbsent(subject, s -> newKey());
    }

    @Override
    public SubjectKey lookup(UUID subject) {
        if (erased.contains(subject)) {
            return new SubjectKey.Erased();
        }
        SecretKey key = keys.get(subject);
        return key == null ? new SubjectKey.Absent() : new SubjectKey.Present(key);
    }

    @Override
    public void evict(UUID subject) {}

    void erase(UUID subject) {
        keys.remove(subject);
        erased.add(subject);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
