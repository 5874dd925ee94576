package dev.aic.queryside.projection;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures that say nothing about the event: the database or OpenSearch is unreachable, overloaded,
 * restarting or chose this transaction as a deadlock victim. Waiting and trying again fixes them,
 * so they must stop the processor (which retries with back-off) rather than park an event that is
 * fine. Everything else (a constraint the data breaks, a row the read model lacks, a document
 * OpenSearch refuses, a bug) is about the event and would fail the same way on every retry.
 */
final class TransientFailures {

    /**
     * PostgreSQL SQLSTATE classes and codes: 08 connection exception, 40 transaction rollback
     * (serialization failure, deadlock), 53 insufficient resources, 57 operator intervention
     * (shutdown, statement timeout), 58 system error (I/O), 55P03 lock not available.
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure;
                cause != null && seen.add(cause);
                cause = cause.getCause()) {
            if (transientItself(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable failure) {
        if (failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException
                || failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof SQLTransientException
                || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (failure instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().length() == 5) {
            String state = sql.getSQLState();
            return TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))
                    || LOCK_NOT_AVAILABLE.equals(state);
        }
        if (failure instanceof OpenSearchException refused) {
            // too many requests, or the cluster failing; a 4xx other than 429 is about the document
            return refused.status() == 429 || refused.status() >= 500;
        }
        // OpenSearch (or any HTTP peer) unreachable, timing out, or dropping the connection
        return failure instanceof SocketException
                || failure instanceof InterruptedIOException
                || failure instanceof UnknownHostException
                || failure instanceof NoHttpResponseException
                || failure instanceof ConnectionClosedException;
    }
}
