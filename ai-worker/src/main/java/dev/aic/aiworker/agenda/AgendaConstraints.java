package dev.aic.aiworker.agenda;

import static ai.timefold.solver.core.api.score.stream.Joiners.equal;
import static ai.timefold.solver.core.api.score.stream.Joiners.overlapping;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/**
 * The agenda's rules as Constraint Streams. The hard ones are those of {@code AgendaConflicts},
 * which verifies the result independently; "room not in slot" needs no constraint, since only
 * offered rooms make {@link Spot}s. The soft ones are the goals of issue 19, each match justified
 * so a proposal can explain what it misses.
 */
public class AgendaConstraints implements ConstraintProvider {

    static final String TRACK_IN_ONE_ROOM = "keep a track in one room";
    static final String TRACK_NOT_IN_PARALLEL = "avoid two sessions of a track at the same time";
    static final String POPULAR_IN_LARGE_ROOMS = "put popular sessions in large rooms";
    static final String POPULAR_NOT_IN_PARALLEL = "avoid overlapping popular sessions";
    static final String SPEAKER_PREFERENCE = "respect speaker preferences";

    /** Soft weights: a parallel track costs twice a track's extra room; a preference is cheaper. */
    static final int EXTRA_ROOM_OF_A_TRACK = 10;

    static final int TRACK_IN_PARALLEL = 20;
    static final int POPULAR_IN_PARALLEL = 20;
    static final int OUTSIDE_PREFERENCE = 5;

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            roomConflict(factory),
            speakerConflict(factory),
            roomCapacity(factory),
            roomEquipment(factory),
            outsideEvent(factory),
            speakerUnavailable(factory),
            slotTooShort(factory),
            trackInOneRoom(factory),
            trackNotInParallel(factory),
            popularInLargeRooms(factory),
            popularNotInParallel(factory),
            speakerPreference(factory)
        };
    }

    public Constraint roomConflict(ConstraintFactory factory) {
        return factory.forEachUniquePair(
                        SessionAssignment.class,
                        equal(SessionAssignment::roomId),
                        overlapping(SessionAssignment::start, SessionAssignment::end))
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("room double-booked");
    }

    public Constraint speakerConflict(ConstraintFactory factory) {
        return factory.forEachUniquePair(
                        SessionAssignment.class,
                        overlapping(SessionAssignment::start, SessionAssignment::end))
                .filter(SessionAssignment::sharesASpeakerWith)
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("speaker double-booked");
    }

    public Constraint roomCapacity(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(a -> a.getSpot().room().capacity() < a.getSession().expectedAudience())
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("room too small");
    }

    public Constraint roomEquipment(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(SessionAssignment::missesEquipment)
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("equipment missing");
    }

    public Constraint outsideEvent(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(a -> !a.getSpot().insideEvent())
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("outside the event");
    }

    public Constraint speakerUnavailable(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(SessionAssignment::unavailableThen)
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("speaker unavailable");
    }

    public Constraint slotTooShort(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(a -> a.getSpot().minutes() < a.getSession().durationMinutes())
                .penalize(HardSoftLongScore.ONE_HARD)
                .asConstraint("slot too short");
    }

    public Constraint trackInOneRoom(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(a -> !a.track().isEmpty())
                .groupBy(
                        SessionAssignment::track,
                        ConstraintCollectors.countDistinct(SessionAssignment::roomId))
                .filter((track, rooms) -> rooms > 1)
                .penalize(
                        HardSoftLongScore.ONE_SOFT,
                        (track, rooms) -> (rooms - 1) * EXTRA_ROOM_OF_A_TRACK)
                .justifyWith(
                        (track, rooms, score) ->
                                new GoalJustification(
                                        null,
                                        null,
                                        "Track '" + track + "' is spread over " + rooms + " rooms"))
                .asConstraint(TRACK_IN_ONE_ROOM);
    }

    public Constraint trackNotInParallel(ConstraintFactory factory) {
        return factory.forEachUniquePair(
                        SessionAssignment.class,
                        equal(SessionAssignment::track),
                        overlapping(SessionAssignment::start, SessionAssignment::end))
                .filter((a, b) -> !a.track().isEmpty())
                .penalize(HardSoftLongScore.ONE_SOFT, (a, b) -> TRACK_IN_PARALLEL)
                .justifyWith(
                        (a, b, score) ->
                                new GoalJustification(
                                        a.getSessionId(),
                                        b.getSessionId(),
                                        "'"
                                                + a
                                                + "' and '"
                                                + b
                                                + "' of track '"
                                                + a.track()
                                                + "' run at the same time"))
                .asConstraint(TRACK_NOT_IN_PARALLEL);
    }

    /**
     * At the same time, the more popular session should have the larger room: the gap in popularity
     * is the cost.
     */
    public Constraint popularInLargeRooms(ConstraintFactory factory) {
        return factory.forEachUniquePair(
                        SessionAssignment.class,
                        overlapping(SessionAssignment::start, SessionAssignment::end))
                .filter(
                        (a, b) ->
                                Integer.signum(a.popularity() - b.popularity())
                                                * Integer.signum(
                                                        a.getSpot().room().capacity()
                                                                - b.getSpot().room().capacity())
                                        < 0)
                .penalize(
                        HardSoftLongScore.ONE_SOFT,
                        (a, b) -> Math.abs(a.popularity() - b.popularity()))
                .justifyWith(
                        (a, b, score) ->
                                new GoalJustification(
                                        a.getSessionId(),
                                        b.getSessionId(),
                                        "'"
                                                + (a.popularity() > b.popularity() ? a : b)
                                                + "' draws more people but has the smaller "
                                                + "room while '"
                                                + (a.popularity() > b.popularity() ? b : a)
                                                + "' runs"))
                .asConstraint(POPULAR_IN_LARGE_ROOMS);
    }

    public Constraint popularNotInParallel(ConstraintFactory factory) {
        return factory.forEachUniquePair(
                        SessionAssignment.class,
                        overlapping(SessionAssignment::start, SessionAssignment::end))
                .filter((a, b) -> a.popular() && b.popular())
                .penalize(HardSoftLongScore.ONE_SOFT, (a, b) -> POPULAR_IN_PARALLEL)
                .justifyWith(
                        (a, b, score) ->
                                new GoalJustification(
                                        a.getSessionId(),
                                        b.getSessionId(),
                                        "Popular sessions '"
                                                + a
                                                + "' and '"
                                                + b
                                                + "' run at the same time"))
                .asConstraint(POPULAR_NOT_IN_PARALLEL);
    }

    public Constraint speakerPreference(ConstraintFactory factory) {
        return factory.forEach(SessionAssignment.class)
                .filter(a -> a.speakersOutsidePreference() > 0)
                .penalize(
                        HardSoftLongScore.ONE_SOFT,
                        a -> a.speakersOutsidePreference() * OUTSIDE_PREFERENCE)
                .justifyWith(
                        (a, score) ->
                                new GoalJustification(
                                        a.getSessionId(),
                                        null,
                                        "'" + a + "' is outside a speaker's preferred time"))
                .asConstraint(SPEAKER_PREFERENCE);
    }
}
