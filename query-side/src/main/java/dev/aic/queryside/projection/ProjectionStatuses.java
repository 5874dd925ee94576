package dev.aic.queryside.projection;

import dev.aic.eventstore.TokenTable;
import dev.aic.eventstore.TokenTable.Segment;
import dev.aic.queryside.projection.ProjectionView.Failure;
import dev.aic.queryside.projection.ProjectionView.SegmentView;
import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections' state. Positions come from the token store, which every instance of the service
 * shares, so they are right whichever instance answers; statuses come from this instance's
 * processors, so a segment another instance holds shows as not claimed here, with the owner the
 * token store names.
 */
@Component
class ProjectionStatuses {

    private final ProjectionCatalog catalog;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TokenTable tokens;
    private final Clock clock = Clock.systemUTC();

    ProjectionStatuses(
            ProjectionCatalog catalog,
            EventProcessingConfiguration processing,
            JdbcTemplate jdbc,
            TokenTable tokens) {
        this.catalog = catalog;
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    List<ProjectionView> all() {
        return of(catalog.names());
    }

    Optional<ProjectionView> one(String processor) {
        return catalog.contains(processor)
                ? Optional.of(of(List.of(processor)).get(0))
                : Optional.empty();
    }

    private List<ProjectionView> of(Iterable<String> processors) {
        Store store = store();
        Map<String, Map<Integer, Segment>> tokens = storedSegments();
        Map<String, Long> deadLetters = deadLetterCounts();
        List<ProjectionView> views = new ArrayList<>();
        for (String processor : processors) {
            views.add(
                    view(
                            processor,
                            store,
                            tokens.getOrDefault(processor, Map.of()),
                            deadLetters.getOrDefault(processor, 0L)));
        }
        return views;
    }

    private ProjectionView view(
            String processor, Store store, Map<Integer, Segment> stored, long deadLetters) {
        Map<Integer, EventTrackerStatus> local =
                processing
                        .eventProcessor(processor, StreamingEventProcessor.class)
                        .map(StreamingEventProcessor::processingStatus)
                        .orElse(Map.of());
        List<SegmentView> segments = new ArrayList<>();
        TreeSet<Integer> ids = new TreeSet<>(stored.keySet());
        ids.addAll(local.keySet());
        Long slowest = null;
        TreeSet<Long> gaps = new TreeSet<>();
        boolean unstarted = ids.isEmpty();
        for (int id : ids) {
            Segment segment = stored.get(id);
            TrackingToken processed =
                    segment == null ? null : WrappedToken.unwrapLowerBound(segment.token());
            Long position =
                    segment == null || segment.token() == null
                            ? null
                            : segment.token().position().stream().boxed().findFirst().orElse(null);
            if (processed instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps());
            }
            if (position == null) {
                unstarted = true;
            } else if (slowest == null || position < slowest) {
                slowest = position;
            }
            EventTrackerStatus status = local.get(id);
            segments.add(
                    new SegmentView(
                            id,
                            position,
                            store.lagAfter(position),
                            statusOf(status),
                            segment == null ? null : segment.owner(),
                            status != null && status.isErrorState()
                                    ? Failure.of(status.getError())
                                    : null));
        }
        Long position = unstarted ? null : slowest;
        ProjectionStatus status =
                segments.stream()
                        .map(SegmentView::status)
                        .filter(s -> s != ProjectionStatus.NOT_CLAIMED_HERE)
                        .max(Comparator.comparingInt(ProjectionStatuses::severity))
                        .orElse(ProjectionStatus.NOT_CLAIMED_HERE);
        Failure error =
                segments.stream()
                        .map(SegmentView::error)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        return new ProjectionView(
                processor,
                catalog.kind(processor),
                status,
                error,
                position,
                store.lagAfter(position),
                oldestUnprocessedAge(store, position, gaps),
                deadLetters,
                segments);
    }

    private static ProjectionStatus statusOf(EventTrackerStatus status) {
        if (status == null) {
            return ProjectionStatus.NOT_CLAIMED_HERE;
        }
        if (status.isErrorState()) {
            return ProjectionStatus.ERROR;
        }
        if (status.isReplaying()) {
            return ProjectionStatus.REPLAYING;
        }
        return status.isCaughtUp() ? ProjectionStatus.CAUGHT_UP : ProjectionStatus.RUNNING;
    }

    /**
     * The order in which a processor's local segments speak for it: the one needing attention
     * first.
     */
    private static int severity(ProjectionStatus status) {
        return switch (status) {
            case ERROR -> 4;
            case REPLAYING -> 3;
            case RUNNING -> 2;
            case CAUGHT_UP -> 1;
            case NOT_CLAIMED_HERE -> 0;
        };
    }

    /**
     * Seconds since the first event after {@code position} (or in one of its gaps) was stored; 0
     * without one.
     */
    private long oldestUnprocessedAge(Store store, Long position, TreeSet<Long> gaps) {
        if (store.lagAfter(position) == 0 && gaps.isEmpty()) {
            return 0;
        }
        long after = position == null ? store.first() - 1 : position;
        List<String> oldest =
                jdbc.query(
                        con -> {
                            var statement =
                                    con.prepareStatement(
                                            """
                    SELECT timestamp FROM domainevententry WHERE globalindex > ? OR globalindex = ANY (?)
                    ORDER BY globalindex LIMIT 1""");
                            Array gapArray = con.createArrayOf("bigint", gaps.toArray());
                            statement.setLong(1, after);
                            statement.setArray(2, gapArray);
                            return statement;
                        },
                        (row, n) -> row.getString(1));
        if (oldest.isEmpty()) {
            return 0;
        }
        Instant stored = DateTimeUtils.parseInstant(oldest.get(0));
        return Math.max(0, Duration.between(stored, clock.instant()).toSeconds());
    }

    private Store store() {
        return jdbc.queryForObject(
                "SELECT min(globalindex), max(globalindex) FROM domainevententry",
                (row, n) -> {
                    long head = row.getLong(2);
                    return row.wasNull() ? new Store(0, -1) : new Store(row.getLong(1), head);
                });
    }

    private Map<String, Map<Integer, Segment>> storedSegments() {
        Map<String, Map<Integer, Segment>> bySegment = new HashMap<>();
        tokens.all()
                .forEach(
                        (processor, segments) ->
                                segments.forEach(
                                        segment ->
                                                bySegment
                                                        .computeIfAbsent(
                                                                processor, name -> new TreeMap<>())
                                                        .put(segment.segment(), segment)));
        return bySegment;
    }

    private Map<String, Long> deadLetterCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(
                "SELECT processinggroup, count(*) FROM deadletterentry GROUP BY processinggroup",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    /**
     * The event store's first and last global index; an empty store has none (first 0, head -1).
     */
    private record Store(long first, long head) {

        long lagAfter(Long position) {
            long processedUpTo = position == null ? first - 1 : position;
            return Math.max(0, head - processedUpTo);
        }
    }
}
