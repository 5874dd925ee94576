package dev.aic.queryside.knowledge;

import java.util.Locale;

/** How a search ranks chunks: by vectors, by words, or both fused. */
enum SearchMode {
    SEMANTIC,
    FULLTEXT,
    HYBRID;

    static final String PATTERN = "semantic|fulltext|hybrid";

    static SearchMode of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
