package dev.aic.queryside.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ParkUnlessTransientTest {

    private static final EventMessage<String> EVENT = GenericEventMessage.asEventMessage("payload");
    private final ParkUnlessTransient policy = new ParkUnlessTransient();

    @Test
    void anEventItsHandlerRejectsIsParkedWithItsCauseAndNoRetryYet() {
        var rejected =
                new DataIntegrityViolationException("violates check constraint \"no_poison\"");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(live(rejected), rejected);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause())
                .hasValueSatisfying(cause -> assertThat(cause.getMessage()).contains("no_poison"));
        assertThat(ParkUnlessTransient.retries(decision.withDiagnostics(live(rejected)))).isZero();
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsTheProcessorInsteadOfParking() {
        var refused =
                new CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:55432 refused", "08001"));

        assertThatThrownBy(() -> policy.decide(live(refused), refused))
                .isInstanceOf(ProjectionInfrastructureUnavailableException.class)
                .hasCause(refused);
    }

    @Test
    void transientStatesOfTheDatabaseAndOfOpenSearchAreRecognisedAnywhereInTheCauseChain() {
        assertThat(
                        TransientFailures.isTransient(
                                new RuntimeException(new SQLException("deadlock", "40P01"))))
                .isTrue();
        assertThat(
                        TransientFailures.isTransient(
                                new RuntimeException(new SQLException("shutdown", "57P01"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new CannotAcquireLockException("lock"))).isTrue();
        assertThat(
                        TransientFailures.isTransient(
                                new IllegalStateException(
                                        "OpenSearch unreachable",
                                        new UncheckedIOException(
                                                new ConnectException("Connection refused")))))
                .isTrue();
        assertThat(
                        TransientFailures.isTransient(
                                new RuntimeException(new SQLException("check violation", "23514"))))
                .isFalse();
        assertThat(
                        TransientFailures.isTransient(
                                new IllegalArgumentException("no row for this user")))
                .isFalse();
    }

    @Test
    void aParkedLetterThatFailsAgainIsRequeuedWithOneMoreRetryWhateverTheFailure() {
        var refused = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
        JdbcDeadLetter<EventMessage<?>> parked =
                new JdbcDeadLetter<>(
                        "letter",
                        0,
                        "sequence",
                        Instant.EPOCH,
                        Instant.EPOCH,
                        new ThrowableCause("x", "first failure"),
                        MetaData.with(ParkUnlessTransient.RETRIES, 2),
                        EVENT);

        EnqueueDecision<EventMessage<?>> decision = policy.decide(parked, refused);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(ParkUnlessTransient.retries(decision.withDiagnostics(parked))).isEqualTo(3);
    }

    private static GenericDeadLetter<EventMessage<?>> live(Throwable failure) {
        return new GenericDeadLetter<>("sequence", EVENT, failure);
    }
}
