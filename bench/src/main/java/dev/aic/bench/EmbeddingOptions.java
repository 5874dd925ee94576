package dev.aic.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embeddings benchmark's settings, from the command line and the environment, parsed like
 * {@link Options} (which the load drivers share): {@code --name value} pairs, a later one winning,
 * the database password only from {@code AIC_PG_PASSWORD}. Options that only the load drivers know
 * ({@code --query-url}, {@code --concurrency}, ...) are accepted and ignored, so bench/run can pass
 * its common endpoints to every driver.
 */
record EmbeddingOptions(
        URI commandSide,
        URI aiWorker,
        URI issuer,
        String caller,
        String callerSecret,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        Path outputDirectory,
        Set<Phase> phases,
        int chunks,
        List<Integer> batchSizes,
        Duration pipelineTimeout,
        int vectors,
        int clusters,
        int queries,
        String vectorDatabase,
        long seed) {

    /** The parts of the benchmark; all run by default, {@code --phases} picks some. */
    enum Phase {
        /**
         * (a) ONNX Runtime alone at each batch size, and (c) langchain4j's in-process model on the
         * same chunks.
         */
        ENGINES,
        /** (b) the ai-worker end to end: upload, extract, chunk, embed, recorded. */
        PIPELINE,
        /** The HNSW index against exact search at {@code --vectors} synthetic vectors. */
        INDEX
    }

    static final String USAGE =
            """
            usage: EmbeddingBenchmark [options]
              --phases LIST            comma-separated, of engines, pipeline, index (default: all three)
              --chunks N               chunks of the corpus, the same for (a), (b) and (c) (default 256)
              --batch-sizes LIST       batch sizes of the raw ONNX Runtime baseline (default 1,8,16,32,64)
              --pipeline-timeout S     how long (b) waits for every document's ProcessingCompleted (default 900)
              --vectors N              synthetic vectors in the index table (default 100000)
              --clusters N             Gaussian clusters they are drawn around (default 1000)
              --queries N              search queries per measurement (default 200)
              --vector-database NAME   the PostgreSQL database the index part creates and drops (default aic_bench_vectors)
              --seed N                 seed of the corpus and of the vectors (default 5)
              --caller NAME            the member who uploads the documents (default alice)
              --command-url, --ai-worker-url, --issuer-url, --jdbc-url, --db-user, --out
                                       endpoints and where the JSON summary goes (bench/run passes them)
            The database password comes from AIC_PG_PASSWORD (./infra env prints it).
            """;

    EmbeddingOptions {
        if (chunks < 1) {
            throw new IllegalArgumentException("--chunks must be at least 1");
        }
        if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("--batch-sizes must list positive numbers");
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException(
                    "--phases must name at least one of engines, pipeline, index");
        }
        if (pipelineTimeout.isNegative() || pipelineTimeout.isZero()) {
            throw new IllegalArgumentException("--pipeline-timeout must be positive");
        }
        if (vectors < 10 || clusters < 1 || clusters > vectors) {
            throw new IllegalArgumentException(
                    "--vectors must be at least 10 and --clusters between 1 and --vectors");
        }
        if (queries < 1) {
            throw new IllegalArgumentException("--queries must be at least 1");
        }
        if (!vectorDatabase.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "--vector-database must be a plain lower-case identifier");
        }
        if (dbPassword == null || dbPassword.isEmpty()) {
            throw new IllegalArgumentException(
                    "AIC_PG_PASSWORD is not set (./infra env prints it)");
        }
    }

    /**
     * Parses the command line; on bad arguments prints why and the usage, and exits with status 2.
     */
    static EmbeddingOptions fromCommandLine(String[] args) {
        return CommandLine.parsedOrExit(() -> parse(args, System.getenv()), USAGE);
    }

    static EmbeddingOptions parse(String[] args, Map<String, String> env) {
        String commandUrl = "http://127.0.0.1:" + env.getOrDefault("AIC_COMMAND_SIDE_PORT", "8081");
        String aiWorkerUrl = "http://127.0.0.1:" + env.getOrDefault("AIC_AI_WORKER_PORT", "8083");
        String issuer = env.getOrDefault("AIC_OIDC_ISSUER_URI", "http://127.0.0.1:9000");
        String caller = "alice";
        String jdbcUrl = env.getOrDefault("AIC_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/aic");
        String dbUser = env.getOrDefault("AIC_PG_USER", "aic");
        String out = "bench/target";
        Set<Phase> phases = EnumSet.allOf(Phase.class);
        int chunks = 256;
        List<Integer> batchSizes = List.of(1, 8, 16, 32, 64);
        long pipelineTimeoutSeconds = 900;
        int vectors = 100_000;
        int clusters = 1_000;
        int queries = 200;
        String vectorDatabase = "aic_bench_vectors";
        long seed = 5;

        for (CommandLine.Option option : CommandLine.options(args)) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--command-url" -> commandUrl = value;
                case "--ai-worker-url" -> aiWorkerUrl = value;
                case "--issuer-url" -> issuer = value;
                case "--caller" -> caller = value;
                case "--jdbc-url" -> jdbcUrl = value;
                case "--db-user" -> dbUser = value;
                case "--out" -> out = value;
                case "--phases" -> phases = phases(value);
                case "--chunks" -> chunks = Options.parseInt(name, value);
                case "--batch-sizes" ->
                        batchSizes =
                                Arrays.stream(value.split(","))
                                        .map(size -> Options.parseInt(name, size.trim()))
                                        .toList();
                case "--pipeline-timeout" -> pipelineTimeoutSeconds = Options.parseInt(name, value);
                case "--vectors" -> vectors = Options.parseInt(name, value);
                case "--clusters" -> clusters = Options.parseInt(name, value);
                case "--queries" -> queries = Options.parseInt(name, value);
                case "--vector-database" -> vectorDatabase = value;
                case "--seed" -> seed = Options.parseInt(name, value);
                // the load drivers' options, which bench/run passes to every driver
                case "--query-url", "--concurrency", "--duration", "--warmup" -> {}
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new EmbeddingOptions(
                Options.baseUri(commandUrl),
                Options.baseUri(aiWorkerUrl),
                Options.baseUri(issuer),
                caller,
                env.getOrDefault("AIC_DEV_IDENTITY_SECRET", "dev-secret"),
                jdbcUrl,
                dbUser,
                env.get("AIC_PG_PASSWORD"),
                Path.of(out),
                phases,
                chunks,
                batchSizes,
                Duration.ofSeconds(pipelineTimeoutSeconds),
                vectors,
                clusters,
                queries,
                vectorDatabase,
                seed);
    }

    boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    private static Set<Phase> phases(String list) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String name : list.split(",")) {
            try {
                phases.add(Phase.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--phases: unknown phase '" + name.trim() + "' (engines, pipeline, index)");
            }
        }
        return phases;
    }
}
