package dev.aic.commandside;

/**
 * The names of the command-side's event processors. Each is the Axon processing group of its
 * handlers, and so the name of its tracking token (and, for the subscribing ones, nothing else:
 * they keep no token) and its key under {@code axon.eventhandling.processors} in the configuration.
 */
public final class ProcessorNames {

    /**
     * The {@code user_account} set-validation table, written in the command's transaction
     * (subscribing).
     */
    public static final String USER_ACCOUNTS = "user-accounts";

    /** One document per member and bytes, written in the command's transaction (subscribing). */
    public static final String DOCUMENT_HASHES = "document-hashes";

    /** The notification planner and the facts it reads (tracking). */
    public static final String NOTIFICATIONS = "notifications";

    /** The audit chain's sealer (tracking). */
    public static final String AUDIT_CHAIN = "audit-chain";

    /** The integration events published to Kafka (tracking). */
    public static final String KAFKA_PUBLISHER = "kafka-publisher";

    private ProcessorNames() {}
}
