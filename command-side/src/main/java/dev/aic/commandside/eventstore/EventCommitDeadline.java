package dev.aic.commandside.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Refuses to commit a unit of work whose oldest appended event was stamped more than the deadline
 * ago: the transaction rolls back and the command fails instead of committing an event that readers
 * may have stopped waiting for. Checked just before the commit; PostgreSQL's {@code
 * idle_in_transaction_session_timeout} bounds what a paused process can add between the check and
 * the commit.
 */
final class EventCommitDeadline implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String OLDEST = EventCommitDeadline.class.getName() + ".oldest";

    private final Duration deadline;
    private final Clock clock;

    EventCommitDeadline(Duration deadline, Clock clock) {
        this.deadline = deadline;
        this.clock = clock;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
            List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            Instant[] oldest =
                    root.getOrComputeResource(
                            OLDEST,
                            key -> {
                                Instant[] stamped = {Instant.MAX};
                                root.onPrepareCommit(committing -> refuseIfLate(stamped[0]));
                                return stamped;
                            });
            messages.forEach(
                    message -> {
                        if (message.getTimestamp().isBefore(oldest[0])) {
                            oldest[0] = message.getTimestamp();
                        }
                    });
        }
        return (index, message) -> message;
    }

    private void refuseIfLate(Instant oldest) {
        Duration waited = Duration.between(oldest, clock.instant());
        if (waited.compareTo(deadline) > 0) {
            throw new EventCommitTooLateException(oldest, waited, deadline);
        }
    }
}
