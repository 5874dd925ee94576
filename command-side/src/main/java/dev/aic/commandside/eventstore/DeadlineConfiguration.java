package dev.aic.commandside.eventstore;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Deadlines (attendee reminders) live in PostgreSQL, not in memory: Axon's in-memory deadline
 * manager forgets every reminder on restart. With a db-scheduler {@link Scheduler} bean present,
 * Axon's auto-configuration provides the {@code DbSchedulerDeadlineManager} (payloads through the
 * Jackson event serializer) and its task; the scheduler is started and stopped here.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    /**
     * The scheduler writes through a transaction-aware proxy: a deadline set by a command is stored
     * in that command's transaction, so it exists exactly when the command's events do, and a
     * command never needs a second connection from the pool.
     */
    @Bean
    Scheduler deadlineScheduler(
            DataSource dataSource, List<Task<?>> tasks, DeadlineSchedulerProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .tableName("scheduled_tasks")
                .pollingInterval(properties.pollingInterval())
                .threads(properties.threads())
                .shutdownMaxWait(properties.shutdownMaxWait())
                .build();
    }

    /**
     * Runs deadlines once everything they reach (aggregates, the event store) is up, and stops them
     * first.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after Axon's components start, before the web server's graceful shutdown begins
                return Integer.MAX_VALUE - 4096;
            }
        };
    }
}
