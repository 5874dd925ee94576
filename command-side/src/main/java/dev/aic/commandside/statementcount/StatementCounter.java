package dev.aic.commandside.statementcount;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Counts SQL statements (by kind and text) and the round trips to PostgreSQL they cost, split by
 * origin: {@code request} for work on an HTTP request's thread, {@code background} for the event
 * processors, schedulers and Kafka listeners.
 *
 * <p>A round trip is what the PostgreSQL driver sends and waits for: one per executed statement or
 * batch, one per commit or rollback of a transaction that executed something (the driver sends
 * nothing for an empty one, and sends {@code BEGIN} in the same message as the first statement),
 * one per savepoint command, one when {@code setAutoCommit(true)} ends an open transaction, one per
 * {@code setTransactionIsolation} and {@code isValid}.
 */
final class StatementCounter implements QueryExecutionListener, MethodExecutionListener {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int TEXT_LENGTH = 120;

    /** Per logical connection: whether it is inside a transaction that executed something. */
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();

    private final ObjectProvider<MeterRegistry> meters;

    StatementCounter(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    private static final class Transaction {
        volatile boolean autoCommit = true;
        volatile boolean open;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        String origin = origin();
        for (QueryInfo query : queries) {
            String text = text(query.getQuery());
            int times = execution.isBatch() ? Math.max(1, query.getParametersList().size()) : 1;
            statements(origin, kind(text), text).increment(times);
        }
        roundTrip(origin, "statement");
        Transaction transaction = transaction(execution.getConnectionId());
        if (!transaction.autoCommit) {
            transaction.open = true;
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {}

    @Override
    public void afterMethod(MethodExecutionContext context) {
        if (!(context.getTarget() instanceof Connection) || context.getThrown() != null) {
            return;
        }
        String id = context.getConnectionInfo().getConnectionId();
        String method = context.getMethod().getName();
        Object[] args = context.getMethodArgs();
        switch (method) {
            case "commit", "rollback" -> {
                if (args != null && args.length == 1) {
                    sent(method, "ROLLBACK TO SAVEPOINT");
                } else if (transaction(id).open) {
                    transaction(id).open = false;
                    sent(method, method.toUpperCase(Locale.ROOT));
                }
            }
            case "setSavepoint" -> sent("savepoint", "SAVEPOINT");
            case "releaseSavepoint" -> sent("savepoint", "RELEASE SAVEPOINT");
            case "setAutoCommit" -> {
                Transaction transaction = transaction(id);
                boolean on = Boolean.TRUE.equals(args[0]);
                if (on && !transaction.autoCommit && transaction.open) {
                    sent("commit", "COMMIT");
                }
                transaction.open = false;
                transaction.autoCommit = on;
            }
            case "setTransactionIsolation" -> sent("other", "SET SESSION CHARACTERISTICS");
            case "isValid" -> sent("other", "isValid");
            case "close" -> transactions.remove(id);
            default -> {}
        }
    }

    private void sent(String kind, String text) {
        String origin = origin();
        statements(origin, kind, text).increment();
        roundTrip(origin, kind);
    }

    private Transaction transaction(String connection) {
        return transactions.computeIfAbsent(connection, id -> new Transaction());
    }

    private Counter statements(String origin, String kind, String text) {
        return Counter.builder("aic.bench.jdbc.statements")
                .description("SQL statements sent to PostgreSQL (aic.bench.count-statements)")
                .tag("origin", origin)
                .tag("kind", kind)
                .tag("sql", text)
                .register(meters.getObject());
    }

    private void roundTrip(String origin, String kind) {
        Counter.builder("aic.bench.jdbc.round.trips")
                .description("Round trips to PostgreSQL (aic.bench.count-statements)")
                .tag("origin", origin)
                .tag("kind", kind)
                .register(meters.getObject())
                .increment();
    }

    private static String origin() {
        return RequestContextHolder.getRequestAttributes() != null ? "request" : "background";
    }

    static String text(String sql) {
        String flat = SPACES.matcher(sql.strip()).replaceAll(" ");
        return flat.length() <= TEXT_LENGTH ? flat : flat.substring(0, TEXT_LENGTH);
    }

    static String kind(String text) {
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "select", "insert", "update", "delete" -> verb;
            default -> "other";
        };
    }
}
