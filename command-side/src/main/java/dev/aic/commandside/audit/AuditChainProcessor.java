package dev.aic.commandside.audit;

import dev.aic.commandside.ProcessorNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Seals every stored event into the audit chain. A tracking processor with one segment: its token
 * lives in the command-side's {@code tokenentry} and is stored in the transaction that appends the
 * batch's links, so each event is sealed exactly once, in the order the processor sees it; an event
 * that commits late is picked up by the gap-aware token and sealed after the events that overtook
 * it. The links of a batch are appended together, just before the batch commits.
 *
 * <p>Events are sealed by their identifiers, never by the token's position: the token of an event
 * that filled a gap stands at the furthest index the processor has seen, not at that event's own.
 */
@Component
@ProcessingGroup(ProcessorNames.AUDIT_CHAIN)
class AuditChainProcessor {

    private static final String BATCH = AuditChainProcessor.class.getName() + ".batch";

    private final DataSource dataSource;

    AuditChainProcessor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the message itself, not its payload: nothing needs to be deserialised to be sealed. */
    @EventHandler
    void seal(EventMessage<?> event) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(
                        BATCH,
                        key -> {
                            List<String> identifiers = new ArrayList<>();
                            batch.onPrepareCommit(unitOfWork -> sealAll(identifiers));
                            return identifiers;
                        })
                .add(event.getIdentifier());
    }

    private void sealAll(List<String> eventIdentifiers) {
        // the connection of the processor's transaction, the one its token is stored in
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            new ChainSealer().seal(connection, eventIdentifiers);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seal events " + eventIdentifiers, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
