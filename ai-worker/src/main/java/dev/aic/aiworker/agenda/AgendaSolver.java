package dev.aic.aiworker.agenda;

import ai.timefold.solver.core.api.score.ScoreExplanation;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.constraint.ConstraintMatch;
import ai.timefold.solver.core.api.score.constraint.ConstraintMatchTotal;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import dev.aic.contracts.agenda.AgendaConflicts;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.BrokenGoal;
import dev.aic.contracts.agenda.Conflict;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Score;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Solves an agenda with Timefold Solver: from the greedy first-fit agenda (a warm start, {@link
 * SolverSettings#warmStart()}; Timefold's construction heuristic places what it left, or everything
 * without a warm start), then local search until the time budget is spent (or the score stopped
 * improving for {@link SolverSettings#unimprovedTimeBudget()}). Locked sessions are pinned. The
 * result is verified by {@link AgendaConflicts}, the checker the agenda's commands use, not by the
 * solver's own score alone; its soft goals missed are explained from the constraint matches. Plain
 * Java and stateless: the Kafka listener and the benchmark use it alike.
 */
public final class AgendaSolver {

    private final SolverFactory<AgendaSchedule> factory;
    private final SolutionManager<AgendaSchedule, HardSoftLongScore> solutions;
    private final SolverSettings settings;

    public AgendaSolver(SolverSettings settings) {
        this.settings = settings;
        this.factory =
                SolverFactory.create(
                        new SolverConfig()
                                .withSolutionClass(AgendaSchedule.class)
                                .withEntityClasses(SessionAssignment.class)
                                .withConstraintProviderClass(AgendaConstraints.class)
                                .withEnvironmentMode(EnvironmentMode.NON_REPRODUCIBLE)
                                .withTerminationConfig(termination(settings.maxTimeBudget())));
        this.solutions = SolutionManager.create(factory);
    }

    /** The best score so far, {@code elapsedMillis} into a solve. */
    public record Progress(Score bestScore, long elapsedMillis) {}

    /** What a solve found; {@code firstFeasibleMillis} is -1 when no feasible agenda was found. */
    public record Result(
            Score score,
            List<Placement> placements,
            List<BrokenGoal> brokenGoals,
            List<Conflict> conflicts,
            long solvingMillis,
            long firstFeasibleMillis) {}

    public Result solve(AgendaPlan plan, Duration budget, Consumer<Progress> progress) {
        Duration limit =
                budget.compareTo(settings.maxTimeBudget()) > 0 ? settings.maxTimeBudget() : budget;
        long started = System.nanoTime();
        AtomicLong lastReport = new AtomicLong(-settings.progressInterval().toMillis());
        AtomicLong firstFeasible = new AtomicLong(-1);
        List<Placement> start = List.of();
        if (settings.warmStart()) {
            AgendaPlan greedy = GreedyFirstFit.place(plan);
            start = greedy.placements();
            if (start.size() == plan.sessions().size()
                    && AgendaConflicts.of(greedy).all().isEmpty()) {
                long elapsed = millisSince(started);
                firstFeasible.set(elapsed);
                lastReport.set(elapsed);
                progress.accept(new Progress(score(greedy), elapsed));
            }
        }
        // the warm start counts against the budget: the solver gets what is left of it
        long warmedUp = millisSince(started);
        Duration left = Duration.ofMillis(Math.max(1, limit.toMillis() - warmedUp));
        Solver<AgendaSchedule> solver =
                factory.buildSolver(
                        new SolverConfigOverride<AgendaSchedule>()
                                .withTerminationConfig(termination(left)));
        solver.addEventListener(
                event -> {
                    HardSoftLongScore best = (HardSoftLongScore) event.getNewBestScore();
                    if (!best.isSolutionInitialized()) {
                        return;
                    }
                    long elapsed = warmedUp + event.getTimeMillisSpent();
                    if (best.isFeasible()) {
                        firstFeasible.compareAndSet(-1, elapsed);
                    }
                    if (elapsed - lastReport.get() >= settings.progressInterval().toMillis()) {
                        lastReport.set(elapsed);
                        progress.accept(new Progress(score(best), elapsed));
                    }
                });
        AgendaSchedule solved = solver.solve(AgendaProblem.of(plan, start));
        long millis = millisSince(started);
        List<Placement> placements = AgendaProblem.placements(solved);
        return new Result(
                score(solved.getScore()),
                placements,
                brokenGoals(solved),
                AgendaConflicts.of(plan.withPlacements(placements)).all(),
                millis,
                firstFeasible.get());
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    /**
     * The score of a schedule someone else made (the benchmark's greedy baseline), by the same
     * constraints.
     */
    public Score score(AgendaPlan plan) {
        AgendaSchedule schedule = AgendaProblem.of(plan.withPlacements(List.of()));
        var placed = plan.placements();
        schedule.getAssignments()
                .forEach(
                        assignment ->
                                placed.stream()
                                        .filter(
                                                p ->
                                                        p.sessionId()
                                                                .equals(assignment.getSessionId()))
                                        .findFirst()
                                        .ifPresent(
                                                p ->
                                                        assignment.setSpot(
                                                                schedule.getSpots().stream()
                                                                        .filter(
                                                                                spot ->
                                                                                        spot.slot()
                                                                                                        .slotId()
                                                                                                        .equals(
                                                                                                                p
                                                                                                                        .slotId())
                                                                                                && spot.room()
                                                                                                        .roomId()
                                                                                                        .equals(
                                                                                                                p
                                                                                                                        .roomId()))
                                                                        .findFirst()
                                                                        .orElse(null))));
        return score(solutions.update(schedule));
    }

    private List<BrokenGoal> brokenGoals(AgendaSchedule solved) {
        ScoreExplanation<AgendaSchedule, HardSoftLongScore> explanation = solutions.explain(solved);
        List<BrokenGoal> goals = new ArrayList<>();
        for (ConstraintMatchTotal<HardSoftLongScore> total :
                explanation.getConstraintMatchTotalMap().values()) {
            for (ConstraintMatch<HardSoftLongScore> match : total.getConstraintMatchSet()) {
                if (match.getScore().softScore() < 0
                        && match.getJustification() instanceof GoalJustification why) {
                    goals.add(
                            new BrokenGoal(
                                    match.getConstraintRef().constraintName(),
                                    why.sessionId(),
                                    why.otherSessionId(),
                                    -match.getScore().softScore(),
                                    why.explanation()));
                }
            }
        }
        goals.sort(
                Comparator.comparingLong(BrokenGoal::penalty)
                        .reversed()
                        .thenComparing(BrokenGoal::explanation));
        return goals;
    }

    private TerminationConfig termination(Duration limit) {
        TerminationConfig config = new TerminationConfig().withSpentLimit(limit);
        if (settings.unimprovedTimeBudget().compareTo(limit) < 0) {
            config.setUnimprovedSpentLimit(settings.unimprovedTimeBudget());
        }
        return config;
    }

    private static Score score(HardSoftLongScore score) {
        return new Score(score.hardScore(), score.softScore());
    }
}
