package dev.aic.aiworker.chunking;

/**
 * A stretch of a section's text, {@code [start, end)}, with its tokens (special tokens not
 * counted).
 */
record Span(int start, int end, int tokens) {}
