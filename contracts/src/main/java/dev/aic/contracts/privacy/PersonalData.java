package dev.aic.contracts.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that says something about a person. The event store keeps it encrypted under
 * the key of the event's {@link DataSubject}; once that key is erased, readers get {@link
 * #erased()} instead. The record's own JSON (and its approved file) stays plain: encryption happens
 * below, in the serializer.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface PersonalData {

    /** What a display name reads as once its owner was erased. */
    String ERASED_MEMBER = "erased member";

    /** What a reader gets in place of the value after erasure. */
    WhenErased erased() default WhenErased.NULL;
}
