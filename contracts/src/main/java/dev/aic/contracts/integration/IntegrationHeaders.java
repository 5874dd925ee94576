package dev.aic.contracts.integration;

/**
 * Kafka record headers every integration event carries. Consumers de-duplicate on {@link
 * #EVENT_ID}: delivery is at least once.
 */
public final class IntegrationHeaders {

    /** The identifier of the stored event this message was published from. */
    public static final String EVENT_ID = "aic-event-id";

    /** Simple name of the integration event record, e.g. {@code UserRegisteredIntegrationEvent}. */
    public static final String EVENT_TYPE = "aic-event-type";

    /** Position of the source event in the event store. */
    public static final String GLOBAL_POSITION = "aic-global-position";

    private IntegrationHeaders() {}
}
