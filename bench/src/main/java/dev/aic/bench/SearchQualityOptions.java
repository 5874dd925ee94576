package dev.aic.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The search-quality benchmark's settings, parsed like {@link Options}: {@code --name value} pairs,
 * a later one winning. Options that only the load drivers know ({@code --jdbc-url}, {@code
 * --concurrency}, ...) are accepted and ignored, so bench/run can pass its common endpoints to
 * every driver.
 *
 * @param scope {@code author}: every search and question is limited to the reader's own uploads
 *     (the corpus), so documents that other runs and tests left on a shared platform do not move
 *     the figures; {@code all}: everything the reader may read, as a member searching the whole hub
 */
record SearchQualityOptions(
        URI commandSide,
        URI querySide,
        URI issuer,
        String reader,
        String admin,
        String secret,
        Path outputDirectory,
        Path questions,
        Path manual,
        int pdfPages,
        int docxPages,
        Duration indexTimeout,
        String scope) {

    static final String USAGE =
            """
            usage: SearchQualityBenchmark [options]
              --questions FILE         the questions TSV (default bench/search-quality/questions.tsv)
              --manual DIR             the HTML manual, installed from python3.11-doc when missing
                                       (default /usr/share/doc/python3.11/html)
              --pdf N                  pages uploaded as PDF, converted by LibreOffice (default 10)
              --docx N                 pages uploaded as DOCX, converted by LibreOffice (default 10); with
                                       --pdf 0 --docx 0 everything is HTML and LibreOffice is not needed
              --index-timeout S        how long to wait for every page to be INDEXED (default 3600)
              --scope author|all       search the reader's own uploads only (default) or all they may read
              --reader NAME            the member who uploads the corpus and asks (default search-quality-reader)
              --admin NAME             an administrator, to read the search projection's lag (default adam)
              --command-url, --query-url, --issuer-url, --out
                                       endpoints and where the JSON summary goes (bench/run passes them)
            """;

    SearchQualityOptions {
        if (pdfPages < 0 || docxPages < 0) {
            throw new IllegalArgumentException("--pdf and --docx must not be negative");
        }
        if (indexTimeout.isNegative() || indexTimeout.isZero()) {
            throw new IllegalArgumentException("--index-timeout must be positive");
        }
        if (!scope.equals("author") && !scope.equals("all")) {
            throw new IllegalArgumentException("--scope must be author or all");
        }
    }

    /**
     * Parses the command line; on bad arguments prints why and the usage, and exits with status 2.
     */
    static SearchQualityOptions fromCommandLine(String[] args) {
        return CommandLine.parsedOrExit(() -> parse(args, System.getenv()), USAGE);
    }

    static SearchQualityOptions parse(String[] args, Map<String, String> env) {
        String commandUrl = "http://127.0.0.1:" + env.getOrDefault("AIC_COMMAND_SIDE_PORT", "8081");
        String queryUrl = "http://127.0.0.1:" + env.getOrDefault("AIC_QUERY_SIDE_PORT", "8082");
        String issuer = env.getOrDefault("AIC_OIDC_ISSUER_URI", "http://127.0.0.1:9000");
        String reader = "search-quality-reader";
        String admin = "adam";
        String out = "bench/target";
        String questions = "bench/search-quality/questions.tsv";
        String manual = "/usr/share/doc/python3.11/html";
        int pdf = 10;
        int docx = 10;
        long indexTimeoutSeconds = 3600;
        String scope = "author";

        for (CommandLine.Option option : CommandLine.options(args)) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--command-url" -> commandUrl = value;
                case "--query-url" -> queryUrl = value;
                case "--issuer-url" -> issuer = value;
                case "--reader" -> reader = value;
                case "--admin" -> admin = value;
                case "--out" -> out = value;
                case "--questions" -> questions = value;
                case "--manual" -> manual = value;
                case "--pdf" -> pdf = Options.parseInt(name, value);
                case "--docx" -> docx = Options.parseInt(name, value);
                case "--index-timeout" -> indexTimeoutSeconds = Options.parseInt(name, value);
                case "--scope" -> scope = value;
                // the other drivers' options, which bench/run passes to every driver
                case "--jdbc-url", "--db-user", "--concurrency", "--duration", "--warmup" -> {}
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new SearchQualityOptions(
                Options.baseUri(commandUrl),
                Options.baseUri(queryUrl),
                Options.baseUri(issuer),
                reader,
                admin,
                env.getOrDefault("AIC_DEV_IDENTITY_SECRET", "dev-secret"),
                Path.of(out),
                Path.of(questions),
                Path.of(manual),
                pdf,
                docx,
                Duration.ofSeconds(indexTimeoutSeconds),
                scope);
    }
}
