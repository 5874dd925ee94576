package dev.aic.aiworker.embedding;

/**
 * How the token vectors of one text become one vector. Works on plain arrays: DJL's default
 * NDManager, with the tokenizers jar present, is its Rust engine, which lacks some of the
 * operations this needs.
 */
public enum Pooling {

    /**
     * The average of the real tokens' vectors, padding left out (sentence-transformers, e.g.
     * all-MiniLM-L6-v2).
     */
    MEAN {
        @Override
        float[] pool(HiddenStates states, int row, long[] attentionMask) {
            int width = states.width();
            float[] pooled = new float[width];
            int tokens = 0;
            for (int token = 0; token < states.length(); token++) {
                if (attentionMask[row * states.length() + token] == 0) {
                    continue;
                }
                int offset = states.offset(row, token);
                for (int i = 0; i < width; i++) {
                    pooled[i] += states.values()[offset + i];
                }
                tokens++;
            }
            float divisor = Math.max(tokens, 1);
            for (int i = 0; i < width; i++) {
                pooled[i] /= divisor;
            }
            return pooled;
        }
    },

    /** The vector of the leading [CLS] token (the BGE family). */
    CLS {
        @Override
        float[] pool(HiddenStates states, int row, long[] attentionMask) {
            int offset = states.offset(row, 0);
            float[] pooled = new float[states.width()];
            System.arraycopy(states.values(), offset, pooled, 0, pooled.length);
            return pooled;
        }
    };

    /**
     * @param states the model's last hidden state for a whole batch
     * @param row which text of the batch
     * @param attentionMask the batch's mask, row-major, 1 for a real token and 0 for padding
     */
    abstract float[] pool(HiddenStates states, int row, long[] attentionMask);
}
