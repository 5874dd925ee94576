package dev.aic.contracts.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The record component holding the id of the person the record's {@link PersonalData} is about: its
 * value names the key the personal fields are encrypted with. One per record.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface DataSubject {}
