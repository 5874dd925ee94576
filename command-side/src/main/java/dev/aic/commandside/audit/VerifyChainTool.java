package dev.aic.commandside.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The audit chain's verifier straight against the database, without the service: what {@code
 * ./platform verify-chain} runs, and what an auditor runs against a restored backup. Prints the
 * report as JSON.
 *
 * <pre>
 * java -cp command-side-exec.jar -Dloader.main=dev.aic.commandside.audit.VerifyChainTool \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--from N] [--to M]
 * </pre>
 *
 * Connection from {@code AIC_JDBC_URL}, {@code AIC_PG_USER} and {@code AIC_PG_PASSWORD} (never an
 * argument, so it stays out of process listings); {@code --jdbc-url} and {@code --user} override
 * the first two. {@code --anchor <seq>:<hash>} also checks a link recorded outside the database
 * earlier (a report's head). {@code --repair --by <who> --reason <why>} seals the never-sealed
 * events at the chain's end and records the repair ({@link ChainRepair}); it prints the repair and
 * the verifications before and after. Exit status: 0 intact, 1 tampering found, 2 bad arguments or
 * no database, 3 no tampering but events the sealer skipped (repairable with {@code --repair}).
 */
public final class VerifyChainTool {

    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int FAILED = 2;
    static final int NEVER_SEALED = 3;

    private VerifyChainTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(
            String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String url =
                environment.getOrDefault("AIC_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/aic");
        String user = environment.getOrDefault("AIC_PG_USER", "aic");
        String schema = environment.getOrDefault("AIC_EVENT_STORE_SCHEMA", "event_store");
        Long from = null;
        Long to = null;
        ChainVerifier.Anchor anchor = null;
        boolean repair = false;
        String by = null;
        String reason = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if ("--repair".equals(args[i])) {
                    repair = true;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--from" -> from = Long.parseLong(required(args[i], value));
                    case "--to" -> to = Long.parseLong(required(args[i], value));
                    case "--jdbc-url" -> url = required(args[i], value);
                    case "--user" -> user = required(args[i], value);
                    case "--anchor" ->
                            anchor = ChainVerifier.Anchor.parse(required(args[i], value));
                    case "--by" -> by = required(args[i], value);
                    case "--reason" -> reason = required(args[i], value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (repair && (by == null || by.isBlank() || reason == null || reason.isBlank())) {
                throw new IllegalArgumentException(
                        "--repair needs --by <who> and --reason <why>: they are recorded");
            }
            if (repair && (from != null || to != null || anchor != null)) {
                throw new IllegalArgumentException(
                        "--repair checks the whole chain; no --from, --to or --anchor");
            }
        } catch (IllegalArgumentException e) {
            err.println("verify-chain: " + e.getMessage());
            err.println(
                    "usage: verify-chain [--from GLOBAL_INDEX] [--to GLOBAL_INDEX] [--anchor SEQ:HASH]"
                            + " [--repair --by WHO --reason WHY] [--jdbc-url URL] [--user NAME]");
            return FAILED;
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", environment.getOrDefault("AIC_PG_PASSWORD", ""));
        properties.setProperty("currentSchema", schema);
        VerificationReport report;
        Object printed;
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            if (repair) {
                ChainRepair.RepairOutcome outcome =
                        new ChainRepair().repair(connection, by, reason);
                report = outcome.after();
                printed = outcome;
                err.printf(
                        "verify-chain: %s%n",
                        outcome.repair() == null
                                ? "nothing was never-sealed, nothing repaired"
                                : "sealed "
                                        + outcome.repair().eventIdentifiers().size()
                                        + " never-sealed events as links "
                                        + outcome.repair().firstSeq()
                                        + ".."
                                        + outcome.repair().lastSeq()
                                        + ", repair "
                                        + outcome.repair().id()
                                        + " recorded");
            } else {
                report = new ChainVerifier().verify(connection, from, to, anchor);
                printed = report;
            }
        } catch (SQLException e) {
            // 42P01: undefined table
            err.println(
                    "verify-chain: "
                            + ("42P01".equals(e.getSQLState())
                                    ? "no audit chain in schema "
                                            + schema
                                            + " of "
                                            + url
                                            + " (the command-side creates it on start-up)"
                                    : e.getMessage()));
            return FAILED;
        }
        try {
            out.println(
                    new ObjectMapper()
                            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                            .findAndRegisterModules()
                            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(printed));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A report is always writable", e);
        }
        if (report.intact()) {
            err.printf(
                    "verify-chain: intact, %d links checked, %d events not sealed yet%n",
                    report.checked(), report.pending());
            return INTACT;
        }
        VerificationReport.Finding first = report.firstBroken();
        if (!report.tampered()) {
            err.printf(
                    "verify-chain: NOT TAMPERED, but %d events were never sealed; first at global index %s (event"
                            + " %s). Seal them with --repair --by WHO --reason WHY%n",
                    report.neverSealed(), first.globalIndex(), first.eventIdentifier());
            return NEVER_SEALED;
        }
        err.printf(
                "verify-chain: TAMPERED, %d findings; first: %s at global index %s (event %s): %s%n",
                report.findingCount(),
                first.kind(),
                first.globalIndex(),
                first.eventIdentifier(),
                first.detail());
        return TAMPERED;
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
