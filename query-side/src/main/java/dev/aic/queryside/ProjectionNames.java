package dev.aic.queryside;

/**
 * The names of the query-side's projections. Each is the Axon processing group of a projection, and
 * so the name of its tracking token, its dead letters, its status, its rebuild ({@code
 * /api/admin/projections/{name}}), the read model a {@code @ReadModel} waits for, and its key under
 * {@code axon.eventhandling.processors} in the configuration.
 */
public final class ProjectionNames {

    public static final String USERS = "users";
    public static final String USERS_SEARCH = "users-search";
    public static final String COMMUNITY_EVENTS = "community-events";
    public static final String COMMUNITY_EVENTS_SEARCH = "community-events-search";
    public static final String DOCUMENTS = "documents";
    public static final String DOCUMENT_CHUNKS_SEARCH = "document-chunks-search";
    public static final String AGENDAS = "agendas";
    public static final String ANALYTICS_MEMBERS = "analytics-members";
    public static final String ANALYTICS_COMMUNITY_EVENTS = "analytics-community-events";
    public static final String ANALYTICS_RSVPS = "analytics-rsvps";
    public static final String ANALYTICS_DOCUMENTS = "analytics-documents";

    private ProjectionNames() {}
}
