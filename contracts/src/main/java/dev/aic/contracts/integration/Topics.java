package dev.aic.contracts.integration;

/** Kafka topics of the published integration events; the suffix is the contract's major version. */
public final class Topics {

    /** Key: user id. Value: a {@link UserIntegrationEvent}. */
    public static final String USERS = "aic.users.v1";

    /** Key: document id. Value: a {@link DocumentIntegrationEvent}. */
    public static final String DOCUMENTS = "aic.documents.v1";

    /**
     * Key: document id. Value: a {@link DocumentProcessingReport}; its simple name is the event
     * type header.
     */
    public static final String DOCUMENT_PROCESSING = "aic.document-processing.v1";

    /**
     * Where the ai-worker parks a {@link #DOCUMENTS} record it could not process, with the reason
     * in headers.
     */
    public static final String DOCUMENTS_DEAD_LETTER = "aic.documents.v1.dlt";

    /** Key: agenda id. Value: an {@link AgendaSolveRequestedIntegrationEvent}. */
    public static final String AGENDA_SOLVE_REQUESTS = "aic.agenda-solve-requests.v1";

    /**
     * Key: agenda id. Value: an {@link AgendaSolveReport}; its simple name is the event type
     * header.
     */
    public static final String AGENDA_SOLVE_REPORTS = "aic.agenda-solve-reports.v1";

    /**
     * Where the command-side parks a {@link #DOCUMENT_PROCESSING} record that took it down too
     * often.
     */
    public static final String DOCUMENT_PROCESSING_DEAD_LETTER = "aic.document-processing.v1.dlt";

    /**
     * Where the ai-worker parks an {@link #AGENDA_SOLVE_REQUESTS} record it could not solve or that
     * took it down.
     */
    public static final String AGENDA_SOLVE_REQUESTS_DEAD_LETTER =
            "aic.agenda-solve-requests.v1.dlt";

    /**
     * Where the command-side parks an {@link #AGENDA_SOLVE_REPORTS} record that took it down too
     * often.
     */
    public static final String AGENDA_SOLVE_REPORTS_DEAD_LETTER = "aic.agenda-solve-reports.v1.dlt";

    private Topics() {}
}
