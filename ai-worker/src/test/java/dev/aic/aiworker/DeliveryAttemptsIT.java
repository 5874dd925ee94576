package dev.aic.aiworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.messaging.DeliveryAttempts;
import dev.aic.messaging.PoisonRecordException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AiWorkerIntegrationTest
class DeliveryAttemptsIT {

    @Autowired DeliveryAttempts attempts;

    /**
     * An Error escaping the work is what a process death looks like from here: the attempt never
     * finished.
     */
    @Test
    void aRecordThatTookTheWorkerDownTwiceIsParkedWithoutRunningItsWork() {
        ConsumerRecord<String, String> record = record();
        AtomicInteger runs = new AtomicInteger();

        for (int crash = 0; crash < 2; crash++) {
            assertThatThrownBy(
                            () ->
                                    attempts.attempt(
                                            record,
                                            () -> {
                                                runs.incrementAndGet();
                                                throw new OutOfMemoryError(
                                                        "simulated death of the worker");
                                            }))
                    .isInstanceOf(OutOfMemoryError.class);
        }

        assertThatThrownBy(() -> attempts.attempt(record, runs::incrementAndGet))
                .isInstanceOfSatisfying(
                        PoisonRecordException.class, e -> assertThat(e.crashes()).isEqualTo(2))
                .hasMessageContaining("took the service down 2 times");
        assertThat(runs).as("runs of the work").hasValue(2);
    }

    @Test
    void failuresInALivingWorkerAreRetriesNotCrashes() {
        ConsumerRecord<String, String> record = record();

        for (int retry = 0; retry < 5; retry++) {
            assertThatThrownBy(
                            () ->
                                    attempts.attempt(
                                            record,
                                            () -> {
                                                throw new IllegalStateException(
                                                        "broker unavailable");
                                            }))
                    .isInstanceOf(IllegalStateException.class);
        }

        assertThat(attempts.attempt(record, () -> "processed")).isEqualTo("processed");
    }

    @Test
    void aRecordThatCrashedOnceIsStillProcessed() {
        ConsumerRecord<String, String> record = record();
        assertThatThrownBy(
                        () ->
                                attempts.attempt(
                                        record,
                                        () -> {
                                            throw new StackOverflowError();
                                        }))
                .isInstanceOf(StackOverflowError.class);

        assertThat(attempts.attempt(record, () -> "processed")).isEqualTo("processed");
    }

    private static ConsumerRecord<String, String> record() {
        return new ConsumerRecord<>(
                "aic.test.attempts",
                0,
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                "key",
                "value");
    }
}
