package dev.aic.contracts.integration;

/** Kafka topics of the published integration events; the suffix is the contract's major version. */
public final class Topics {

    /** Key: user id. Value: a {@link UserIntegrationEvent}. */
    public static final String USERS = "aic.users.v1";

    /** Key: document id. Value: a {@link DocumentIntegrationEvent}. */
    public static final String DOCUMENTS = "aic.documents.v1";

    private Topics() {
    }
}
