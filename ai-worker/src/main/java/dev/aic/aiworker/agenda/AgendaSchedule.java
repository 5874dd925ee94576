package dev.aic.aiworker.agenda;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import java.util.List;

/** The solver's view of an agenda: the spots to choose from and the sessions to place. */
@PlanningSolution
public class AgendaSchedule {

    @ProblemFactCollectionProperty @ValueRangeProvider private List<Spot> spots;
    @PlanningEntityCollectionProperty private List<SessionAssignment> assignments;
    @PlanningScore private HardSoftLongScore score;

    AgendaSchedule() {
        // for Timefold's cloning
    }

    public AgendaSchedule(List<Spot> spots, List<SessionAssignment> assignments) {
        this.spots = spots;
        this.assignments = assignments;
    }

    public List<Spot> getSpots() {
        return spots;
    }

    public List<SessionAssignment> getAssignments() {
        return assignments;
    }

    public HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardSoftLongScore score) {
        this.score = score;
    }
}
