package dev.aic.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opensearch.testcontainers.OpensearchContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Real PostgreSQL + pgvector, Kafka and OpenSearch for integration tests, started once per JVM.
 *
 * <p>Where a Docker engine answers, Testcontainers starts them. Where none does (our CI machines),
 * the repository's native launcher {@code ./infra start} does; it is idempotent, so the first
 * module of a build starts the servers and every later module reuses them. {@code
 * AIC_TEST_INFRA=native} or {@code =testcontainers} forces a choice.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final Path SERVICE_SCHEMAS =
            Path.of("deploy", "k8s", "base", "database", "service-schemas.sql");
    private static Endpoints endpoints;
    private static final Set<String> preparedDatabases = new HashSet<>();

    private Infrastructure() {}

    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = useTestcontainers() ? startContainers() : startNative();
            log.info("Integration tests use {}", endpoints);
        }
        return endpoints;
    }

    /**
     * Drops and creates {@code name} once per JVM, so a test suite starts from an empty store
     * however often the build ran before, and returns its JDBC URL. Each service's schema is there
     * already, owned by the service's role, as in a deployment ({@code
     * deploy/k8s/base/database/service-schemas.sql}).
     */
    public static synchronized String freshDatabase(String name) {
        Endpoints infra = endpoints();
        if (preparedDatabases.add(name)) {
            try (Connection admin =
                            DriverManager.getConnection(
                                    infra.jdbcUrl(), infra.username(), infra.password());
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database " + name, e);
            }
            try (Connection admin =
                            DriverManager.getConnection(
                                    infra.jdbcUrlOf(name), infra.username(), infra.password());
                    Statement sql = admin.createStatement()) {
                sql.execute(Files.readString(repositoryRoot().resolve(SERVICE_SCHEMAS)));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException(
                        "Cannot create the services' schemas in test database " + name, e);
            }
        }
        return infra.jdbcUrlOf(name);
    }

    private static boolean useTestcontainers() {
        String forced = System.getenv("AIC_TEST_INFRA");
        if (forced != null && !forced.isBlank()) {
            return forced.equalsIgnoreCase("testcontainers");
        }
        boolean dockerConfigured =
                System.getenv("DOCKER_HOST") != null
                        || Files.exists(Path.of("/var/run/docker.sock"))
                        || Files.exists(
                                Path.of(
                                        System.getProperty("user.home"),
                                        ".testcontainers.properties"));
        if (!dockerConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Endpoints startContainers() {
        var postgres =
                new PostgreSQLContainer<>(
                                DockerImageName.parse("pgvector/pgvector:pg15")
                                        .asCompatibleSubstituteFor("postgres"))
                        .withDatabaseName("aic")
                        .withUsername("aic")
                        .withPassword("aic")
                        .withCommand("postgres", "-c", "max_connections=200");
        var kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"));
        var openSearch =
                new OpensearchContainer<>(
                        DockerImageName.parse("opensearchproject/opensearch:2.19.4"));
        postgres.start();
        kafka.start();
        openSearch.start();
        // new databases are copies of template1: give them the extension the read models need
        Map<String, Endpoints.Login> services = new HashMap<>();
        Endpoints.SERVICE_ROLES.forEach(
                (service, role) -> services.put(service, new Endpoints.Login(role, role)));
        // the container's broker takes any client (no SASL listener): the Kafka access tests need
        // ./infra's broker
        Map<String, Endpoints.Login> kafkaServices = new HashMap<>();
        KafkaLogins.SERVICES.forEach(
                service -> kafkaServices.put(service, new Endpoints.Login(service, service)));
        // the container's OpenSearch runs without its security plugin: nobody signs in (./infra's
        // node has it)
        Endpoints infra =
                new Endpoints(
                        postgres.getJdbcUrl(),
                        "aic",
                        "aic",
                        kafka.getBootstrapServers(),
                        openSearch.getHttpHostAddress(),
                        services,
                        new KafkaLogins(
                                kafka.getBootstrapServers(),
                                "PLAINTEXT",
                                new Endpoints.Login("aic", "aic"),
                                kafkaServices),
                        new Endpoints.Login("admin", ""),
                        new Endpoints.Login("aic-query-side", ""));
        prepareCluster(infra);
        return infra;
    }

    /** What {@code ./infra} does natively: pgvector in template1 and a login role per service. */
    private static void prepareCluster(Endpoints infra) {
        try (Connection admin =
                        DriverManager.getConnection(infra.jdbcUrlOf("template1"), "aic", "aic");
                Statement sql = admin.createStatement()) {
            // new databases are copies of template1: give them the extension the read models need
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
            for (Endpoints.Login login : infra.services().values()) {
                sql.execute(
                        "CREATE ROLE "
                                + login.username()
                                + " LOGIN PASSWORD '"
                                + login.password()
                                + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the PostgreSQL container", e);
        }
    }

    private static Endpoints startNative() {
        Path root = repositoryRoot();
        run(root, true, "./infra", "start");
        Map<String, String> env = parseEnv(run(root, false, "./infra", "env"));
        Map<String, Endpoints.Login> services = new HashMap<>();
        for (String service : Endpoints.SERVICE_ROLES.keySet()) {
            String prefix = "AIC_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PG_";
            String user = env.get(prefix + "USER");
            if (user == null) {
                throw new IllegalStateException(
                        "./infra env names no "
                                + prefix
                                + "USER: an ./infra from before"
                                + " the per-service roles?");
            }
            services.put(service, new Endpoints.Login(user, env.get(prefix + "PASSWORD")));
        }
        Map<String, Endpoints.Login> kafkaServices = new HashMap<>();
        for (String service : KafkaLogins.SERVICES) {
            String prefix = "AIC_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_KAFKA_";
            if (env.get(prefix + "USER") == null) {
                throw new IllegalStateException(
                        "./infra env names no "
                                + prefix
                                + "USER: an ./infra from before"
                                + " Kafka's authentication?");
            }
            kafkaServices.put(
                    service,
                    new Endpoints.Login(env.get(prefix + "USER"), env.get(prefix + "PASSWORD")));
        }
        KafkaLogins kafka =
                new KafkaLogins(
                        env.get("AIC_KAFKA_BOOTSTRAP"),
                        env.get("AIC_KAFKA_SECURITY_PROTOCOL"),
                        new Endpoints.Login(
                                env.get("AIC_KAFKA_USER"), env.get("AIC_KAFKA_PASSWORD")),
                        kafkaServices);
        if (env.get("AIC_QUERY_SIDE_OPENSEARCH_USER") == null) {
            throw new IllegalStateException(
                    "./infra env names no AIC_QUERY_SIDE_OPENSEARCH_USER: an ./infra from"
                            + " before OpenSearch's authentication?");
        }
        return new Endpoints(
                env.get("AIC_JDBC_URL"),
                env.get("AIC_PG_USER"),
                env.get("AIC_PG_PASSWORD"),
                env.get("AIC_KAFKA_BOOTSTRAP"),
                env.get("AIC_OPENSEARCH_URL"),
                services,
                kafka,
                new Endpoints.Login(
                        env.get("AIC_OPENSEARCH_USER"), env.get("AIC_OPENSEARCH_PASSWORD")),
                new Endpoints.Login(
                        env.get("AIC_QUERY_SIDE_OPENSEARCH_USER"),
                        env.get("AIC_QUERY_SIDE_OPENSEARCH_PASSWORD")));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("infra"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "No ./infra launcher above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    /** Runs a launcher command; {@code echo} is off for output that holds credentials. */
    private static String run(Path dir, boolean echo, String... command) {
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
            StringBuilder out = new StringBuilder();
            try (var reader =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines()
                        .forEach(
                                line -> {
                                    out.append(line).append('\n');
                                    if (echo) {
                                        log.info("{}", line);
                                    }
                                });
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (" + exit + "):\n" + out);
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseEnv(String output) {
        Map<String, String> env = new HashMap<>();
        output.lines()
                .filter(line -> line.matches("[A-Z_]+=.*"))
                .forEach(
                        line -> {
                            int eq = line.indexOf('=');
                            env.put(
                                    line.substring(0, eq),
                                    line.substring(eq + 1).replaceAll("^['\"]|['\"]$", ""));
                        });
        return env;
    }
}
