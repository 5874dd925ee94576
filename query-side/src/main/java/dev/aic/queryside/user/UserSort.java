package dev.aic.queryside.user;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * The orders a listing without {@code q} can walk, as clients write them ({@code -} means
 * descending).
 */
enum UserSort {
    DISPLAY_NAME("displayName"),
    REGISTERED_AT("registeredAt"),
    NEWEST_FIRST("-registeredAt");

    static final String ALLOWED =
            Arrays.stream(values()).map(UserSort::wire).collect(Collectors.joining(", "));

    private final String wire;

    UserSort(String wire) {
        this.wire = wire;
    }

    @JsonValue
    String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    /**
     * {@code ?sort=-registeredAt}; anything else is a type mismatch, which the problem handler
     * makes a 400.
     */
    @Component
    static class FromRequest implements Converter<String, UserSort> {

        @Override
        public UserSort convert(String source) {
            return Arrays.stream(values())
                    .filter(sort -> sort.wire.equals(source))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalArgumentException("sort must be one of " + ALLOWED));
        }
    }
}
