package dev.aic.queryside.projection;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfiguration {

    @Bean
    DeadLetteringModule deadLetteringModule(
            ConfigurableListableBeanFactory beans,
            ConnectionProvider connections,
            DeadLetterProperties properties) {
        return new DeadLetteringModule(ProcessingGroups.of(beans), connections, properties);
    }

    /**
     * Axon's transactions, on the application's data source as before, but one where a
     * participant's rollback does not doom the transaction it joined. Retrying dead letters runs
     * each letter in a unit of work nested in the retry's transaction: with Spring's default, the
     * first letter that fails again would make the whole retry roll back, instead of requeueing
     * that letter and keeping the others that succeeded. A failed handler's own writes are undone
     * by its savepoint ({@link SavepointPerEventHandler}).
     */
    @Bean
    TransactionManager axonTransactionManager(DataSource dataSource) {
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        transactions.setGlobalRollbackOnParticipationFailure(false);
        return new SpringTransactionManager(transactions);
    }

    @Bean
    SavepointPerEventHandler savepointPerEventHandler(PlatformTransactionManager transactions) {
        return new SavepointPerEventHandler(transactions);
    }
}
