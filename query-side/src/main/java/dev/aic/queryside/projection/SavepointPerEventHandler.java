package dev.aic.queryside.projection;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every event handler of the query-side in a savepoint of the processor's transaction.
 *
 * <p>PostgreSQL refuses every statement of a transaction after one has failed. Without a savepoint,
 * a handler whose statement fails (the very case dead-lettering is for) would leave the batch's
 * transaction unable to record the dead letter, the batch's other events or the token, and the
 * processor would retry the batch forever. Rolled back to the savepoint, the failed event leaves no
 * partial write, and the rest of the batch commits as usual. The same holds when an operator
 * retries a dead letter: a letter that fails again is requeued in a transaction that still works.
 */
final class SavepointPerEventHandler implements HandlerEnhancerDefinition {

    private final TransactionTemplate savepoint;

    SavepointPerEventHandler(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        // a savepoint in the transaction in progress; a transaction of its own when there is none
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        return original.canHandleMessageType(EventMessage.class)
                        && original.hasAnnotation(EventHandler.class)
                ? new InSavepoint<>(original, savepoint)
                : original;
    }

    private static final class InSavepoint<T> extends WrappedMessageHandlingMember<T> {

        private final TransactionTemplate savepoint;

        private InSavepoint(MessageHandlingMember<T> delegate, TransactionTemplate savepoint) {
            super(delegate);
            this.savepoint = savepoint;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            try {
                return savepoint.execute(
                        status -> {
                            try {
                                return InSavepoint.super.handle(message, target);
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                // rolls back to the savepoint too; unwrapped below so Axon sees the
                                // handler's own exception
                                throw new CheckedFailure(e);
                            }
                        });
            } catch (CheckedFailure failure) {
                throw failure.checked;
            }
        }
    }

    private static final class CheckedFailure extends RuntimeException {

        private final Exception checked;

        private CheckedFailure(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
