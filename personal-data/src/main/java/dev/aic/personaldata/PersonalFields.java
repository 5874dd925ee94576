package dev.aic.personaldata;

import dev.aic.contracts.privacy.DataSubject;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.privacy.WhenErased;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which JSON properties of a record are personal, and which one names the person: read once per
 * class.
 */
record PersonalFields(String subject, Map<String, WhenErased> fields) {

    private static final ClassValue<Optional<PersonalFields>> OF =
            new ClassValue<>() {
                @Override
                protected Optional<PersonalFields> computeValue(Class<?> type) {
                    return read(type);
                }
            };

    static Optional<PersonalFields> of(Class<?> type) {
        return OF.get(type);
    }

    private static Optional<PersonalFields> read(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        Map<String, WhenErased> fields = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                if (subject != null) {
                    throw new IllegalStateException(
                            type.getName() + " names more than one @DataSubject");
                }
                subject = component.getName();
            }
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal != null) {
                fields.put(component.getName(), personal.erased());
            }
        }
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (subject == null) {
            throw new IllegalStateException(
                    type.getName() + " has @PersonalData but no @DataSubject to name whose it is");
        }
        return Optional.of(new PersonalFields(subject, Map.copyOf(fields)));
    }
}
