package dev.aic.contracts.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A chunk's embedding: on the wire a plain JSON array of numbers; equal when every component is.
 */
public record EmbeddingVector(float[] values) {

    @JsonCreator
    public EmbeddingVector {
        values = values.clone();
    }

    @JsonValue
    @Override
    public float[] values() {
        return values.clone();
    }

    public int dimension() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddingVector vector && Arrays.equals(values, vector.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "EmbeddingVector[" + values.length + " dimensions]";
    }
}
