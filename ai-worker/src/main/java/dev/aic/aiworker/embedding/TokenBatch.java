package dev.aic.aiworker.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import java.util.List;

/**
 * Tokenised texts padded to the longest of them, row-major {@code [size, length]}, as the ONNX
 * graph takes them. Padding has attention 0, so it changes neither the real tokens' states nor mean
 * pooling.
 */
record TokenBatch(
        long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int size, int length) {

    static TokenBatch of(List<Encoding> encodings) {
        int size = encodings.size();
        int length =
                encodings.stream().mapToInt(encoding -> encoding.getIds().length).max().orElse(0);
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        for (int row = 0; row < size; row++) {
            Encoding encoding = encodings.get(row);
            long[] rowIds = encoding.getIds();
            int offset = row * length;
            System.arraycopy(rowIds, 0, ids, offset, rowIds.length);
            System.arraycopy(encoding.getAttentionMask(), 0, mask, offset, rowIds.length);
            System.arraycopy(encoding.getTypeIds(), 0, types, offset, rowIds.length);
            // the rest of the row stays 0: [PAD] in BERT vocabularies, and masked out whatever its
            // id
        }
        return new TokenBatch(ids, mask, types, size, length);
    }
}
