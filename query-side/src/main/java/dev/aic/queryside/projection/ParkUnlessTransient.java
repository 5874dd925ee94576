package dev.aic.queryside.projection;

import static org.axonframework.messaging.deadletter.ThrowableCause.truncated;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * What happens to an event a projection's handler failed on.
 *
 * <ul>
 *   <li>Handled live and the failure is {@linkplain TransientFailures transient}: the failure
 *       propagates, the processor rolls its batch back and retries it with back-off, and nothing is
 *       parked: the event is fine, the database or OpenSearch is not.
 *   <li>Handled live and the failure is about the event: the event is parked with its cause; later
 *       events of its aggregate queue up behind it, the processor moves on.
 *   <li>A parked letter retried and failing again, whatever the failure: it stays parked, in place,
 *       with the new cause and one more retry counted. A retry is an operator's request; it never
 *       stops the processor.
 * </ul>
 */
final class ParkUnlessTransient implements EnqueuePolicy<EventMessage<?>> {

    /** The diagnostics entry counting the retries a letter failed. */
    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(
            DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        // Axon asks with a letter read from the queue when it retries one, with a new letter when
        // live handling failed
        boolean parked = letter instanceof JdbcDeadLetter;
        if (parked) {
            return Decisions.requeue(
                    truncated(cause),
                    failed -> failed.diagnostics().and(RETRIES, retries(failed) + 1));
        }
        if (TransientFailures.isTransient(cause)) {
            throw new ProjectionInfrastructureUnavailableException(cause);
        }
        return Decisions.enqueue(truncated(cause), failed -> MetaData.with(RETRIES, 0L));
    }

    static long retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number retries
                ? retries.longValue()
                : 0;
    }
}
