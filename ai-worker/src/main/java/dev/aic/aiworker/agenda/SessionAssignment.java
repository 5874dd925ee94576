package dev.aic.aiworker.agenda;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.user.UserId;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A session the solver places: its {@link Spot} is the planning variable. What the speakers stated
 * is merged in ({@code unavailable}: any speaker's; {@code preferred}: per speaker who stated a
 * preference), and a locked session is pinned where the organiser put it.
 */
@PlanningEntity(difficultyComparatorClass = SessionAssignment.Difficulty.class)
public class SessionAssignment {

    @PlanningId private UUID sessionId;
    private Session session;
    private int popularity;
    private boolean popular;
    private List<Period> unavailable;
    private List<List<Period>> preferences;
    @PlanningPin private boolean pinned;
    private int difficulty;
    @PlanningVariable private Spot spot;

    SessionAssignment() {
        // for Timefold's cloning
    }

    public SessionAssignment(
            Session session,
            int popularity,
            boolean popular,
            List<Period> unavailable,
            List<List<Period>> preferences,
            boolean pinned,
            Spot spot) {
        this(session, popularity, popular, unavailable, preferences, pinned, spot, 0);
    }

    /**
     * @param difficulty how hard the session is to place; the construction heuristic places the
     *     hardest first
     */
    public SessionAssignment(
            Session session,
            int popularity,
            boolean popular,
            List<Period> unavailable,
            List<List<Period>> preferences,
            boolean pinned,
            Spot spot,
            int difficulty) {
        this.difficulty = difficulty;
        this.sessionId = session.sessionId();
        this.session = session;
        this.popularity = popularity;
        this.popular = popular;
        this.unavailable = List.copyOf(unavailable);
        this.preferences = List.copyOf(preferences);
        this.pinned = pinned;
        this.spot = spot;
    }

    public UUID getSessionId() {
        return sessionId;
    }

    public Session getSession() {
        return session;
    }

    public Spot getSpot() {
        return spot;
    }

    public void setSpot(Spot spot) {
        this.spot = spot;
    }

    public boolean isPinned() {
        return pinned;
    }

    int popularity() {
        return popularity;
    }

    boolean popular() {
        return popular;
    }

    String track() {
        return session.track() == null ? "" : session.track();
    }

    UUID roomId() {
        return spot.room().roomId();
    }

    long start() {
        return spot.start();
    }

    long end() {
        return spot.end();
    }

    boolean sharesASpeakerWith(SessionAssignment other) {
        List<UserId> mine = session.speakers();
        return !mine.isEmpty() && !Collections.disjoint(mine, other.session.speakers());
    }

    boolean missesEquipment() {
        return !spot.room().equipment().containsAll(session.requiredEquipment());
    }

    boolean unavailableThen() {
        return unavailable.stream().anyMatch(spot.slot().period()::overlaps);
    }

    /** How many speakers who stated a preference speak outside it here. */
    int speakersOutsidePreference() {
        return (int)
                preferences.stream()
                        .filter(
                                preferred ->
                                        preferred.stream()
                                                .noneMatch(
                                                        period ->
                                                                period.contains(
                                                                        spot.slot().period())))
                        .count();
    }

    /**
     * Orders sessions from the easiest to the hardest to place, as Timefold's construction
     * heuristic expects.
     */
    public static final class Difficulty implements java.util.Comparator<SessionAssignment> {

        @Override
        public int compare(SessionAssignment a, SessionAssignment b) {
            int byDifficulty = Integer.compare(a.difficulty, b.difficulty);
            return byDifficulty != 0 ? byDifficulty : a.sessionId.compareTo(b.sessionId);
        }
    }

    @Override
    public String toString() {
        return session.title();
    }
}
