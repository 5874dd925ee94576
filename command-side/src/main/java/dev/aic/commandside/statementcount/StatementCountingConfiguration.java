package dev.aic.commandside.statementcount;

import dev.aic.personaldata.KeyWriterPoolWrapper;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * For the benchmark only ({@code aic.bench.count-statements}, off by default): every connection the
 * command-side takes, from its pool and from the personal-data key writers' pool, goes through
 * datasource-proxy, and {@link StatementCounter} counts its statements and round trips as metrics
 * that {@code bench/run} reads before and after a phase (docs/benchmarks.md, "SQL per command").
 * Off, nothing is wrapped.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "aic.bench.count-statements", havingValue = "true")
class StatementCountingConfiguration {

    @Bean
    static StatementCounter statementCounter(ObjectProvider<MeterRegistry> meters) {
        return new StatementCounter(meters);
    }

    @Bean
    static BeanPostProcessor countStatementsOfThePool(ObjectProvider<StatementCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource pool
                        ? wrap(pool, name, counter.getObject())
                        : bean;
            }
        };
    }

    @Bean
    KeyWriterPoolWrapper countStatementsOfTheKeyWriters(StatementCounter counter) {
        return pool -> wrap(pool, "personal-data-key-writers", counter);
    }

    private static DataSource wrap(DataSource pool, String name, StatementCounter counter) {
        return ProxyDataSourceBuilder.create(name, pool)
                .listener(counter)
                .methodListener(counter)
                .build();
    }
}
