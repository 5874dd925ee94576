package dev.aic.web.http;

/** Headers of the platform's API conventions (see docs/api.md). */
public final class ApiHeaders {

    /**
     * On command responses: the event store position of the command's last event. On queries: wait
     * for it.
     */
    public static final String CONSISTENCY_TOKEN = "Consistency-Token";

    /** On creating POSTs: a client-chosen key that makes a retry return the first response. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** On a replayed idempotent response. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private ApiHeaders() {}
}
