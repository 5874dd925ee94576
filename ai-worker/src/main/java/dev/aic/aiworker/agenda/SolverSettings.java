package dev.aic.aiworker.agenda;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.agendas.solver}: how the ai-worker solves agendas.
 *
 * @param maxTimeBudget the longest solve, whatever the request asks; below Kafka's {@code
 *     max.poll.interval.ms}
 * @param unimprovedTimeBudget ends a solve early once the best score has not improved for this long
 * @param progressInterval the least time between two progress reports of one solve
 * @param warmStart start the local search from the greedy first-fit agenda (when it places every
 *     session without breaking a hard rule, the solve is feasible from its first moment) instead of
 *     Timefold's own construction heuristic (docs/benchmarks.md compares both)
 * @param groupId the solve listener's consumer group
 * @param maxPollIntervalMs the longest a solve may take before the broker hands its request
 *     elsewhere; above {@code maxTimeBudget}
 */
@ConfigurationProperties("aic.agendas.solver")
public record SolverSettings(
        @DefaultValue("240s") Duration maxTimeBudget,
        @DefaultValue("30s") Duration unimprovedTimeBudget,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("true") boolean warmStart,
        @DefaultValue("ai-worker-agendas") String groupId,
        @DefaultValue("300000") long maxPollIntervalMs) {}
