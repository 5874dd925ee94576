package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aic.aiworker.agenda.AgendaSolver;
import dev.aic.aiworker.agenda.GreedyFirstFit;
import dev.aic.aiworker.agenda.SampleAgendas;
import dev.aic.aiworker.agenda.SolverSettings;
import dev.aic.contracts.agenda.AgendaConflicts;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.Score;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agenda scheduling at 40, 120 and 300 sessions: the ai-worker's Timefold solver, with the time
 * budget an organiser would give it, next to the greedy first-fit baseline on the same agenda in
 * the same run. Both are scored by the same constraints and checked by {@link AgendaConflicts}, the
 * checker the agenda's commands use.
 *
 * <pre>bench/run agenda [--budget SECONDS] [--sizes 40,120,300] [--seed N]</pre>
 *
 * Needs no running service. Exit status 0 when every solver result is feasible, 1 otherwise.
 */
public final class AgendaBenchmark {

    private AgendaBenchmark() {}

    /**
     * Sessions, rooms and slots of each size: four rooms and twelve slots as issue 19's fixture,
     * then larger.
     */
    private static int[] shape(int sessions) {
        return switch (sessions) {
            case 40 -> new int[] {4, 12};
            case 120 -> new int[] {8, 18};
            case 300 -> new int[] {12, 30};
            default ->
                    new int[] {
                        Math.max(2, (int) Math.ceil(Math.sqrt(sessions / 2.5))),
                        (int)
                                Math.ceil(
                                        sessions
                                                * 1.2
                                                / Math.max(
                                                        2,
                                                        (int) Math.ceil(Math.sqrt(sessions / 2.5))))
                    };
        };
    }

    public static void main(String[] args) throws Exception {
        int budget = 30;
        long seed = 19;
        List<Integer> sizes = List.of(40, 120, 300);
        Path out = Path.of("bench/target");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--budget" -> budget = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--sizes" ->
                        sizes =
                                java.util.Arrays.stream(args[i + 1].split(","))
                                        .map(Integer::parseInt)
                                        .toList();
                case "--out" -> out = Path.of(args[i + 1]);
                // bench/run passes the platform's endpoints to every driver; this one needs none
                case "--command-url", "--query-url", "--jdbc-url", "--db-user" -> {}
                default -> {
                    System.err.println(
                            "bench: unknown option "
                                    + args[i]
                                    + "\nusage: AgendaBenchmark [--budget SECONDS] [--sizes 40,120,300] [--seed N]");
                    System.exit(2);
                }
            }
        }
        // no early stop: the solver uses the whole budget, as the target "within a 30 s budget"
        // reads
        AgendaSolver solver =
                new AgendaSolver(
                        new SolverSettings(
                                Duration.ofSeconds(budget),
                                Duration.ofSeconds(budget),
                                Duration.ofMillis(500),
                                true,
                                "ai-worker-agendas",
                                300_000));
        // Timefold alone, from its own construction heuristic: what the warm start adds
        AgendaSolver cold =
                new AgendaSolver(
                        new SolverSettings(
                                Duration.ofSeconds(budget),
                                Duration.ofSeconds(budget),
                                Duration.ofMillis(500),
                                false,
                                "ai-worker-agendas",
                                300_000));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("startedAt", Instant.now().toString());
        summary.put("budgetSeconds", budget);
        summary.put("cpus", Runtime.getRuntime().availableProcessors());
        List<Map<String, Object>> runs = new ArrayList<>();
        boolean allFeasible = true;
        System.out.printf(
                "%-8s %-14s %-10s %-22s %-10s %-12s %-22s %-14s %s%n",
                "sessions",
                "rooms x slots",
                "baseline",
                "baseline hard/soft",
                "unplaced",
                "base ms",
                "solver hard/soft",
                "first feasible",
                "soft better");
        for (int sessions : sizes) {
            int[] shape = shape(sessions);
            AgendaPlan plan =
                    SampleAgendas.conference(sessions, shape[0], shape[1], seed + sessions);

            long greedyStart = System.nanoTime();
            AgendaPlan greedy = GreedyFirstFit.place(plan);
            long greedyMillis = Duration.ofNanos(System.nanoTime() - greedyStart).toMillis();
            Score greedyScore = solver.score(greedy);
            int unplaced = plan.sessions().size() - greedy.placements().size();
            int greedyConflicts = AgendaConflicts.of(greedy).all().size();

            AgendaSolver.Result result =
                    solver.solve(plan, Duration.ofSeconds(budget), progress -> {});
            var broken = AgendaConflicts.of(plan.withPlacements(result.placements())).all();
            int conflicts = broken.size();
            Map<String, Long> byRule =
                    new java.util.TreeMap<>(
                            broken.stream()
                                    .collect(
                                            java.util.stream.Collectors.groupingBy(
                                                    conflict -> conflict.rule().name(),
                                                    java.util.stream.Collectors.counting())));
            int solverUnplaced = plan.sessions().size() - result.placements().size();
            boolean feasible = conflicts == 0 && solverUnplaced == 0;
            allFeasible &= feasible;
            double better =
                    greedyScore.soft() == 0
                            ? 0
                            : 100.0
                                    * (result.score().soft() - greedyScore.soft())
                                    / Math.abs(greedyScore.soft());

            Map<String, Object> run = new LinkedHashMap<>();
            run.put("sessions", sessions);
            run.put("rooms", shape[0]);
            run.put("slots", shape[1]);
            run.put(
                    "baseline",
                    Map.of(
                            "hard",
                            greedyScore.hard(),
                            "soft",
                            greedyScore.soft(),
                            "unplaced",
                            unplaced,
                            "conflicts",
                            greedyConflicts,
                            "millis",
                            greedyMillis));
            run.put(
                    "solver",
                    Map.of(
                            "hard",
                            result.score().hard(),
                            "soft",
                            result.score().soft(),
                            "conflictsFoundByChecker",
                            byRule,
                            "unplaced",
                            solverUnplaced,
                            "firstFeasibleMillis",
                            result.firstFeasibleMillis(),
                            "millis",
                            result.solvingMillis(),
                            "brokenGoals",
                            result.brokenGoals().size()));
            run.put("softImprovementPercent", Math.round(better * 10) / 10.0);
            AgendaSolver.Result coldResult =
                    cold.solve(plan, Duration.ofSeconds(budget), progress -> {});
            int coldConflicts =
                    AgendaConflicts.of(plan.withPlacements(coldResult.placements())).all().size();
            run.put(
                    "solverWithoutWarmStart",
                    Map.of(
                            "hard",
                            coldResult.score().hard(),
                            "soft",
                            coldResult.score().soft(),
                            "conflictsFoundByChecker",
                            coldConflicts,
                            "firstFeasibleMillis",
                            coldResult.firstFeasibleMillis()));
            runs.add(run);
            System.out.printf(
                    "%-8d %-14s %-10s %-22s %-10d %-12d %-22s %-14s %.1f %%%n",
                    sessions,
                    shape[0] + " x " + shape[1],
                    "first-fit",
                    greedyScore.hard() + " / " + greedyScore.soft(),
                    unplaced,
                    greedyMillis,
                    result.score().hard()
                            + " / "
                            + result.score().soft()
                            + (conflicts == 0 ? "" : " (conflicts " + byRule + ")"),
                    result.firstFeasibleMillis() < 0
                            ? "never"
                            : result.firstFeasibleMillis() + " ms",
                    better);
            System.out.printf(
                    "%-8s %-14s %-10s without warm start: %d / %d, %d conflicts, first feasible %s%n",
                    "",
                    "",
                    "",
                    coldResult.score().hard(),
                    coldResult.score().soft(),
                    coldConflicts,
                    coldResult.firstFeasibleMillis() < 0
                            ? "never"
                            : coldResult.firstFeasibleMillis() + " ms");
        }
        summary.put("runs", runs);
        Files.createDirectories(out);
        Path file = out.resolve("agenda-" + Instant.now().toString().replace(":", "") + ".json");
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), summary);
        System.out.println("  summary: " + file);
        System.exit(allFeasible ? 0 : 1);
    }
}
