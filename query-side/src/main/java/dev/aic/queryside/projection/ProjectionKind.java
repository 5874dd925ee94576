package dev.aic.queryside.projection;

/** Where a projection writes its read model. */
enum ProjectionKind {
    POSTGRESQL,
    OPENSEARCH
}
