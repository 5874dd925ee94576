package dev.aic.testsupport;

/** Where the real infrastructure of a test run answers. */
public record Endpoints(String jdbcUrl, String username, String password, String kafkaBootstrap,
                        String openSearchUrl) {

    /** The JDBC URL of another database on the same PostgreSQL server. */
    public String jdbcUrlOf(String database) {
        int slash = jdbcUrl.lastIndexOf('/');
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    @Override
    public String toString() {
        return "Endpoints[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***, kafkaBootstrap="
                + kafkaBootstrap + ", openSearchUrl=" + openSearchUrl + "]";
    }
}
