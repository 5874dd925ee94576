package dev.aic.aiworker.embedding;

/**
 * A batch's last hidden state, row-major {@code [batch, length, width]}, copied out of the ONNX
 * tensor.
 */
record HiddenStates(float[] values, int batch, int length, int width) {

    HiddenStates {
        if (values.length != batch * length * width) {
            throw new IllegalArgumentException(
                    "expected "
                            + batch
                            + "x"
                            + length
                            + "x"
                            + width
                            + " values, got "
                            + values.length);
        }
    }

    int offset(int row, int token) {
        return (row * length + token) * width;
    }
}
