package dev.aic.aiworker.embedding;

/** L2 normalisation on plain arrays, so that cosine similarity is a dot product. */
final class UnitVectors {

    private UnitVectors() {}

    static float[] normalize(float[] vector) {
        double sumOfSquares = 0;
        for (float value : vector) {
            sumOfSquares += (double) value * value;
        }
        double norm = Math.sqrt(sumOfSquares);
        // an all-zero vector has no direction; leave it as it is rather than divide by zero
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
