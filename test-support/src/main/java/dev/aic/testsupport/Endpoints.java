package dev.aic.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Where the real infrastructure of a test run answers. {@code username} and {@code password} are
 * the administrator (the databases' owner, for test set-up and inspection); each service connects
 * with its own role instead ({@link #service(String)}). Kafka clients sign in as {@link #kafka()}
 * says. OpenSearch's administrator ({@link #openSearchAdmin()}) sets up and inspects; the
 * query-side signs in as {@link #openSearchQuerySide()}. A login without a password means a node
 * that takes anyone (the container's).
 */
public record Endpoints(
        String jdbcUrl,
        String username,
        String password,
        String kafkaBootstrap,
        String openSearchUrl,
        Map<String, Login> services,
        KafkaLogins kafka,
        Login openSearchAdmin,
        Login openSearchQuerySide) {

    /** The services with a PostgreSQL role of their own, as {@code ./infra env} names them. */
    public static final Map<String, String> SERVICE_ROLES =
            Map.of(
                    "command-side",
                    "aic_command_side",
                    "query-side",
                    "aic_query_side",
                    "ai-worker",
                    "aic_ai_worker");

    public Endpoints {
        services = Map.copyOf(services);
    }

    /** The JDBC URL of another database on the same PostgreSQL server. */
    public String jdbcUrlOf(String database) {
        int slash = jdbcUrl.lastIndexOf('/');
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1)
                + database
                + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    /**
     * The database login of {@code service} ({@code command-side}, {@code query-side}, {@code
     * ai-worker}).
     */
    public Login service(String service) {
        Login login = services.get(service);
        if (login == null) {
            throw new IllegalArgumentException(
                    "No database role for service '" + service + "'; known: " + services.keySet());
        }
        return login;
    }

    /**
     * The {@code Authorization} header of OpenSearch's administrator; empty for a node that takes
     * anyone.
     */
    public Map<String, String> openSearchAdminHeaders() {
        if (openSearchAdmin.password().isEmpty()) {
            return Map.of();
        }
        String pair = openSearchAdmin.username() + ":" + openSearchAdmin.password();
        return Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "Endpoints[jdbcUrl="
                + jdbcUrl
                + ", username="
                + username
                + ", password=***, kafkaBootstrap="
                + kafkaBootstrap
                + ", openSearchUrl="
                + openSearchUrl
                + ", services="
                + services
                + ", kafka="
                + kafka
                + ", openSearchAdmin="
                + openSearchAdmin
                + ", openSearchQuerySide="
                + openSearchQuerySide
                + "]";
    }

    /** A PostgreSQL role, Kafka principal or OpenSearch user, and its password. */
    public record Login(String username, String password) {

        @Override
        public String toString() {
            return username;
        }
    }
}
