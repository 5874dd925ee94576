package dev.aic.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's settings, from the command line and the environment.
 *
 * <p>Endpoints come as options (bench/run passes what {@code ./infra env} prints); the database
 * password comes only from the environment ({@code AIC_PG_PASSWORD}) so it never shows in a process
 * listing. A later option wins over an earlier one, which lets bench/run put its defaults first and
 * the caller's arguments after them.
 */
record Options(
        int concurrency,
        Duration duration,
        Duration warmup,
        URI commandSide,
        URI querySide,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        Path outputDirectory,
        Duration visibilityTimeout,
        URI issuer,
        String caller,
        String callerSecret,
        int members,
        int events) {

    static final String USAGE =
            """
            usage: RegisterUserBenchmark|RsvpBenchmark [options]
              --concurrency N          client threads for every phase (default 16)
              --duration SECONDS       measured time of every phase (default 20)
              --warmup SECONDS         unmeasured time before every phase (default 5)
              --command-url URL        command-side base URL (default http://127.0.0.1:8081)
              --query-url URL          query-side base URL (default http://127.0.0.1:8082)
              --jdbc-url URL           PostgreSQL for the raw-insert baseline (default $AIC_JDBC_URL)
              --db-user NAME           its user (default $AIC_PG_USER); the password is read from $AIC_PG_PASSWORD
              --out DIR                where the JSON summary goes (default bench/target)
              --visibility-timeout S   a user not readable after this long counts as lost (default 30)
              --issuer-url URL         OpenID Connect provider issuing the caller's token (default $AIC_OIDC_ISSUER_URI
                                       or http://127.0.0.1:9000); its client secret is read from $AIC_DEV_IDENTITY_SECRET
              --caller NAME            register-user: who registers the users, an administrator (default adam);
                                       rsvp: who drafts and publishes the events, an organiser (default olivia)
              --members N              rsvp: members signed in and registered before the load; each RSVPs at
                                       most once per event, so N bounds the RSVPs one event can take (default 3000)
              --events N               rsvp: events the many-events phase spreads its RSVPs over (default: concurrency)
            """;

    Options {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (members < 1) {
            throw new IllegalArgumentException("--members must be at least 1");
        }
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
        }
        if (dbPassword == null || dbPassword.isEmpty()) {
            throw new IllegalArgumentException(
                    "AIC_PG_PASSWORD is not set (./infra env prints it)");
        }
    }

    /**
     * Parses the command line of a driver whose {@code --caller} defaults to {@code defaultCaller};
     * on bad arguments prints why and the usage, and exits with status 2.
     */
    static Options fromCommandLine(String[] args, String defaultCaller) {
        return CommandLine.parsedOrExit(() -> parse(args, System.getenv(), defaultCaller), USAGE);
    }

    /**
     * Parses {@code --name value} pairs; throws {@link IllegalArgumentException} with a readable
     * message.
     */
    static Options parse(String[] args, Map<String, String> env, String defaultCaller) {
        int concurrency = 16;
        long durationSeconds = 20;
        long warmupSeconds = 5;
        String commandUrl = "http://127.0.0.1:" + env.getOrDefault("AIC_COMMAND_SIDE_PORT", "8081");
        String queryUrl = "http://127.0.0.1:" + env.getOrDefault("AIC_QUERY_SIDE_PORT", "8082");
        String jdbcUrl = env.getOrDefault("AIC_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/aic");
        String dbUser = env.getOrDefault("AIC_PG_USER", "aic");
        String out = "bench/target";
        long visibilityTimeoutSeconds = 30;
        String issuer = env.getOrDefault("AIC_OIDC_ISSUER_URI", "http://127.0.0.1:9000");
        String caller = defaultCaller;
        int members = 3000;
        Integer events = null;

        for (CommandLine.Option option : CommandLine.options(args)) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--concurrency" -> concurrency = parseInt(name, value);
                case "--duration" -> durationSeconds = parseInt(name, value);
                case "--warmup" -> warmupSeconds = parseInt(name, value);
                case "--command-url" -> commandUrl = value;
                case "--query-url" -> queryUrl = value;
                case "--jdbc-url" -> jdbcUrl = value;
                case "--db-user" -> dbUser = value;
                case "--out" -> out = value;
                case "--visibility-timeout" -> visibilityTimeoutSeconds = parseInt(name, value);
                case "--issuer-url" -> issuer = value;
                case "--caller" -> caller = value;
                case "--members" -> members = parseInt(name, value);
                case "--events" -> events = parseInt(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new Options(
                concurrency,
                Duration.ofSeconds(durationSeconds),
                Duration.ofSeconds(warmupSeconds),
                baseUri(commandUrl),
                baseUri(queryUrl),
                jdbcUrl,
                dbUser,
                env.get("AIC_PG_PASSWORD"),
                Path.of(out),
                Duration.ofSeconds(visibilityTimeoutSeconds),
                baseUri(issuer),
                caller,
                env.getOrDefault("AIC_DEV_IDENTITY_SECRET", "dev-secret"),
                members,
                events == null ? concurrency : events);
    }

    /** "concurrency 16, 5 s warmup + 20 s": how every phase of a run is timed. */
    String timing() {
        return String.format(
                Locale.ROOT,
                "concurrency %d, %d s warmup + %d s",
                concurrency,
                warmup.toSeconds(),
                duration.toSeconds());
    }

    static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " expects a whole number, got '" + value + "'");
        }
    }

    static URI baseUri(String url) {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
}
