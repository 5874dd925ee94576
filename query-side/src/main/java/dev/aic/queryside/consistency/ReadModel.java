package dev.aic.queryside.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The processing groups whose read models a query endpoint answers from. A request that carries a
 * {@code Consistency-Token} waits until they have all processed the event at that position. An
 * endpoint that reads different models depending on a parameter declares one annotation per case.
 *
 * <pre>{@code
 * @ReadModel(value = ProjectionNames.USERS, unlessParameter = "q")
 * @ReadModel(value = ProjectionNames.USERS_SEARCH, ifParameter = "q")
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ReadModel.List.class)
public @interface ReadModel {

    /** Processing group names. */
    String[] value();

    /** Applies only when this request parameter is present and not blank. */
    String ifParameter() default "";

    /** Applies only when this request parameter is absent or blank. */
    String unlessParameter() default "";

    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {

        ReadModel[] value();
    }
}
