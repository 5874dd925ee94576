package dev.aic.queryside.reconciliation;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Registered on every streaming processor: collects the identifiers of the events a batch takes and adds them to
 * the ledger once, when the batch's transaction prepares to commit, in that transaction, beside the token.
 * <p>
 * A replayed event (below the position at which the processor was reset) was counted when it was first taken, so
 * it is not counted again. Only a processor's own batches count: a dead letter processed later runs in a unit of
 * work of its own, after the batch already counted it.
 */
final class ProcessedEventCounting implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processor;
    private final ProcessedEventCounts counts;
    private final String resourceKey;

    ProcessedEventCounting(String processor, ProcessedEventCounts counts) {
        this.processor = processor;
        this.counts = counts;
        this.resourceKey = ProcessedEventCounting.class.getName() + "/" + processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (unitOfWork instanceof BatchingUnitOfWork && !ReplayToken.isReplay(event)) {
            taken(unitOfWork).add(event.getIdentifier());
        }
        return interceptorChain.proceed();
    }

    private List<String> taken(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(resourceKey, key -> {
            List<String> identifiers = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(batch -> counts.add(processor, identifiers));
            return identifiers;
        });
    }
}
