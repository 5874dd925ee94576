package dev.aic.commandside.statementcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class StatementCounterTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final StatementCounter counter =
            new StatementCounter(
                    new StaticListableBeanFactory(java.util.Map.of("meters", meters))
                            .getBeanProvider(MeterRegistry.class));
    private final Connection connection =
            (Connection)
                    Proxy.newProxyInstance(
                            getClass().getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (proxy, method, args) -> {
                                throw new UnsupportedOperationException(method.getName());
                            });

    @Test
    void aTransactionCostsOneRoundTripPerStatementAndOneForItsCommit() throws Exception {
        call("setAutoCommit", false);
        execute("SELECT 1 FROM user_account WHERE email = ?");
        execute("INSERT INTO user_account (user_id, email) VALUES (?, ?)");
        call("commit");
        call("setAutoCommit", true);

        assertThat(roundTrips()).isEqualTo(3);
        assertThat(statements("select")).isEqualTo(1);
        assertThat(statements("insert")).isEqualTo(1);
        assertThat(statements("commit")).isEqualTo(1);
    }

    @Test
    void aTransactionThatExecutedNothingSendsNoCommit() throws Exception {
        call("setAutoCommit", false);
        call("commit");
        call("setAutoCommit", true);

        assertThat(roundTrips()).isZero();
    }

    @Test
    void anAutocommittedStatementIsOneRoundTripWithoutACommit() throws Exception {
        execute("SELECT user_id FROM user_account WHERE issuer = ? AND subject = ?");
        call("commit");

        assertThat(roundTrips()).isEqualTo(1);
    }

    @Test
    void turningAutocommitBackOnCommitsAnOpenTransaction() throws Exception {
        call("setAutoCommit", false);
        execute("UPDATE user_account SET active = FALSE WHERE user_id = ?");
        call("setAutoCommit", true);

        assertThat(roundTrips()).isEqualTo(2);
        assertThat(statements("commit")).isEqualTo(1);
    }

    @Test
    void statementsAreNamedByTheirFlattenedText() {
        assertThat(StatementCounter.text("  SELECT a\n    FROM b\tWHERE c = ?  "))
                .isEqualTo("SELECT a FROM b WHERE c = ?");
        assertThat(StatementCounter.kind("with x as (select 1) select * from x"))
                .isEqualTo("other");
        assertThat(StatementCounter.kind("insert into t values (1)")).isEqualTo("insert");
    }

    private void execute(String sql) {
        ExecutionInfo execution = new ExecutionInfo();
        execution.setConnectionId("c1");
        counter.afterQuery(execution, List.of(new QueryInfo(sql)));
    }

    private void call(String method, Object... args) throws NoSuchMethodException {
        Class<?>[] types = args.length == 0 ? new Class<?>[0] : new Class<?>[] {boolean.class};
        ConnectionInfo info = new ConnectionInfo();
        info.setConnectionId("c1");
        counter.afterMethod(
                MethodExecutionContext.Builder.create()
                        .target(connection)
                        .method(Connection.class.getMethod(method, types))
                        .methodArgs(args.length == 0 ? null : args)
                        .connectionInfo(info)
                        .build());
    }

    private double roundTrips() {
        return meters.find("aic.bench.jdbc.round.trips").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double statements(String kind) {
        return meters.find("aic.bench.jdbc.statements").tag("kind", kind).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
