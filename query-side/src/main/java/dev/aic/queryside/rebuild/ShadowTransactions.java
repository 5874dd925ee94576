package dev.aic.queryside.rebuild;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rebuild processor's transactions: Spring's, whose first statement points unqualified table
 * names at the shadow schema, so the projection's handlers write the rebuilt tables with their SQL
 * unchanged. The live schema is left out of the path: should the shadow schema be gone (the rebuild
 * cancelled or swapped in elsewhere), a straggling batch fails instead of writing the live tables.
 */
final class ShadowTransactions implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final String schema;

    ShadowTransactions(TransactionManager delegate, JdbcTemplate jdbc, String schema) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("SET LOCAL search_path TO " + schema + ", event_store, public");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
