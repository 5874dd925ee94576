package dev.aic.systemtests;

import dev.aic.testsupport.DevIdentity;
import dev.aic.testsupport.Endpoints;
import dev.aic.testsupport.Infrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole platform for a system test: real infrastructure, a database of its own, and the three
 * services started in the order a deployment starts them (the command-side owns the event store's
 * schema, so it migrates first).
 */
final class Platform implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofMinutes(2);

    final ServiceProcess commandSide;
    final ServiceProcess querySide;
    final ServiceProcess aiWorker;
    final String jdbcUrl;

    private Platform(ServiceProcess commandSide, ServiceProcess querySide, ServiceProcess aiWorker, String jdbcUrl) {
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.aiWorker = aiWorker;
        this.jdbcUrl = jdbcUrl;
    }

    static Platform start() {
        Endpoints infra = Infrastructure.endpoints();
        String database = System.getProperty("aic.test.database", "aic_system_tests");
        String jdbcUrl = Infrastructure.freshDatabase(database);
        Map<String, String> env = new HashMap<>();
        env.put("AIC_JDBC_URL", jdbcUrl);
        env.put("AIC_PG_USER", infra.username());
        env.put("AIC_PG_PASSWORD", infra.password());
        env.put("AIC_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
        env.put("AIC_OPENSEARCH_URL", infra.openSearchUrl());
        env.put("AIC_OPENSEARCH_INDEX_PREFIX", database + "-");
        env.put("AIC_OIDC_ISSUER_URI", DevIdentity.start().issuerUri());

        var commandSide = ServiceProcess.start("command-side", 18081, env).awaitReady(START_DEADLINE);
        var querySide = ServiceProcess.start("query-side", 18082, env);
        var aiWorker = ServiceProcess.start("ai-worker", 18083, env);
        querySide.awaitReady(START_DEADLINE);
        aiWorker.awaitReady(START_DEADLINE);
        return new Platform(commandSide, querySide, aiWorker, jdbcUrl);
    }

    @Override
    public void close() {
        aiWorker.close();
        querySide.close();
        commandSide.close();
    }
}
