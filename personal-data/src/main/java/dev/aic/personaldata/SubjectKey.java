package dev.aic.personaldata;

import java.util.Optional;
import javax.crypto.SecretKey;

/** Where a person's key stands: never created, present, or erased for good. */
public sealed interface SubjectKey {

    record Absent() implements SubjectKey {}

    record Present(SecretKey secret) implements SubjectKey {}

    record Erased() implements SubjectKey {}

    default Optional<SecretKey> key() {
        return this instanceof Present present ? Optional.of(present.secret()) : Optional.empty();
    }
}
