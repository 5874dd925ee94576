package dev.aic.aiworker.embedding;

/**
 * Counts tokens exactly as the active embedding model's tokenizer does, so that text can be cut
 * into pieces the model reads whole instead of truncating them. Safe for concurrent use.
 */
public interface TokenCounter {

    /** The model's limit: a text of more tokens than this is truncated by the embedder. */
    int maxTokens();

    /**
     * The tokens the model adds to every text ({@code [CLS]} and {@code [SEP]} for BERT-style
     * models).
     */
    int specialTokens();

    /**
     * The tokens of the text, special tokens included and nothing truncated: fits the model if ≤
     * maxTokens.
     */
    int count(String text);
}
