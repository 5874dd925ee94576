package dev.aic.testsupport;

import java.util.Map;

/**
 * Where the real infrastructure of a test run answers. {@code username} and {@code password} are the administrator
 * (the databases' owner, for test set-up and inspection); each service connects with its own role instead
 * ({@link #service(String)}). Kafka clients sign in as {@link #kafka()} says.
 */
public record Endpoints(String jdbcUrl, String username, String password, String kafkaBootstrap,
                        String openSearchUrl, Map<String, Login> services, KafkaLogins kafka) {

    /** The services with a PostgreSQL role of their own, as {@code ./infra env} names them. */
    public static final Map<String, String> SERVICE_ROLES = Map.of(
            "command-side", "aic_command_side", "query-side", "aic_query_side", "ai-worker", "aic_ai_worker");

    public Endpoints {
        services = Map.copyOf(services);
    }

    /** The JDBC URL of another database on the same PostgreSQL server. */
    public String jdbcUrlOf(String database) {
        int slash = jdbcUrl.lastIndexOf('/');
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    /** The database login of {@code service} ({@code command-side}, {@code query-side}, {@code ai-worker}). */
    public Login service(String service) {
        Login login = services.get(service);
        if (login == null) {
            throw new IllegalArgumentException("No database role for service '" + service + "'; known: "
                    + services.keySet());
        }
        return login;
    }

    @Override
    public String toString() {
        return "Endpoints[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***, kafkaBootstrap="
                + kafkaBootstrap + ", openSearchUrl=" + openSearchUrl + ", services=" + services + ", kafka=" + kafka
                + "]";
    }

    /** A PostgreSQL role and its password. */
    public record Login(String username, String password) {

        @Override
        public String toString() {
            return username;
        }
    }
}
