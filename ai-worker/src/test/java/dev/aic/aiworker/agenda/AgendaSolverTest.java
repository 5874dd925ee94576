package dev.aic.aiworker.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.agenda.AgendaConflicts;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgendaSolverTest {

    private final AgendaSolver solver =
            new AgendaSolver(
                    new SolverSettings(
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(3),
                            Duration.ofMillis(200),
                            true,
                            "ai-worker-agendas",
                            300_000));

    /**
     * Timefold alone, without the greedy warm start: its own construction heuristic, then local
     * search.
     */
    private final AgendaSolver coldSolver =
            new AgendaSolver(
                    new SolverSettings(
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(3),
                            Duration.ofMillis(200),
                            false,
                            "ai-worker-agendas",
                            300_000));

    @Test
    void
            timefoldAloneSolvesTheFortySessionConferenceWithoutBreakingAHardRuleAsTheCommandsCheckerSeesIt() {
        AgendaPlan conference = SampleAgendas.conference40();
        assertThat(conference.sessions()).hasSize(40);
        assertThat(conference.rooms()).hasSize(4);
        assertThat(conference.slots()).hasSize(12);
        assertThat(speakersWithSeveralSessions(conference)).isGreaterThanOrEqualTo(5);
        List<AgendaSolver.Progress> progress = Collections.synchronizedList(new ArrayList<>());

        AgendaSolver.Result result =
                coldSolver.solve(conference, Duration.ofSeconds(10), progress::add);

        assertThat(result.placements()).hasSize(40);
        assertThat(AgendaConflicts.of(conference.withPlacements(result.placements())).all())
                .isEmpty();
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.score().feasible()).isTrue();
        assertThat(progress).isNotEmpty();
        assertThat(result.brokenGoals())
                .allSatisfy(goal -> assertThat(goal.explanation()).isNotBlank());
        assertThat(result.brokenGoals().stream().mapToLong(goal -> goal.penalty()).sum())
                .isEqualTo(-result.score().soft());
    }

    @Test
    void aWarmStartedSolveIsFeasibleFromItsFirstReport() {
        AgendaPlan conference = SampleAgendas.conference(60, 4, 18, 3);
        List<AgendaSolver.Progress> progress = Collections.synchronizedList(new ArrayList<>());

        AgendaSolver.Result result = solver.solve(conference, Duration.ofSeconds(3), progress::add);

        assertThat(progress)
                .isNotEmpty()
                .allSatisfy(report -> assertThat(report.bestScore().feasible()).isTrue());
        assertThat(result.firstFeasibleMillis()).isGreaterThanOrEqualTo(0);
        assertThat(AgendaConflicts.of(conference.withPlacements(result.placements())).all())
                .isEmpty();
    }

    @Test
    void lockedSessionsStayWhereTheOrganiserPutThem() {
        AgendaPlan conference = SampleAgendas.conference(12, 2, 8, 7);
        Session first = conference.sessions().get(0);
        Placement fixed =
                GreedyFirstFit.place(conference).placement(first.sessionId()).orElseThrow();
        AgendaPlan locked =
                new AgendaPlan(
                        conference.window(),
                        conference.rooms(),
                        conference.slots(),
                        conference.sessions(),
                        conference.speakers(),
                        List.of(fixed),
                        List.of(first.sessionId()),
                        conference.interest());

        AgendaSolver.Result result = solver.solve(locked, Duration.ofSeconds(2), p -> {});

        assertThat(result.placements()).contains(fixed);
    }

    @Test
    void theSolverBeatsTheGreedyBaselineOnTheSameAgenda() {
        AgendaPlan conference = SampleAgendas.conference40();
        AgendaPlan greedy = GreedyFirstFit.place(conference);

        AgendaSolver.Result result = solver.solve(conference, Duration.ofSeconds(5), p -> {});

        assertThat(AgendaConflicts.of(greedy).all()).isEmpty();
        assertThat(result.score().soft()).isGreaterThan(solver.score(greedy).soft());
    }

    private static long speakersWithSeveralSessions(AgendaPlan plan) {
        return plan.sessions().stream()
                .flatMap(session -> session.speakers().stream())
                .collect(
                        java.util.stream.Collectors.groupingBy(
                                s -> s, java.util.stream.Collectors.counting()))
                .values()
                .stream()
                .filter(count -> count > 1)
                .count();
    }
}
