package dev.aic.queryside.analytics;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.analytics.AnalyticsViews.Funnel;
import dev.aic.queryside.analytics.AnalyticsViews.Ranking;
import dev.aic.queryside.analytics.AnalyticsViews.TimeSeries;
import dev.aic.queryside.consistency.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Figures for analysts (docs/analytics.md): time series, rankings and the attendance funnel,
 * aggregated by OpenSearch over the analytics indices. Counts only: no answer names a member.
 */
@RestController
@Tag(name = "analytics")
class AnalyticsController {

    private static final String ANALYSTS = "hasAnyRole('ANALYST', 'AUDITOR', 'ADMIN')";
    private static final String INTERVAL =
            "Bucket width: day, week (from Monday) or month, in UTC. The range may"
                    + " cover at most 366 days by day, 5 × 366 by week, 10 × 366 by month";
    private static final String SERIES_FROM =
            "Start of the range (ISO 8601, inclusive); default: 30 days (day),"
                    + " 26 weeks (week) or 366 days (month) before to";
    private static final String SERIES_TO = "End of the range (ISO 8601, exclusive); default: now";
    private static final String TOP_FROM =
            "Only facts at or after this instant (ISO 8601); default: all";
    private static final String TOP_TO = "Only facts before this instant (ISO 8601); default: all";
    private static final String SIZE = "How many values, at most 100";
    private static final List<String> STATUSES = List.of("DRAFT", "PUBLISHED", "CANCELLED");
    private static final List<String> SEARCH_TYPES = List.of("search", "ask");
    private static final List<String> MODES = List.of("semantic", "fulltext", "hybrid");

    private final AnalyticsQueries queries;
    private final MemberFactsIndex members;
    private final CommunityEventFactsIndex communityEvents;
    private final SearchFactIndex searchFacts;
    private final Clock clock = Clock.systemUTC();

    AnalyticsController(
            AnalyticsQueries queries,
            MemberFactsIndex members,
            CommunityEventFactsIndex communityEvents,
            SearchFactIndex searchFacts) {
        this.queries = queries;
        this.members = members;
        this.communityEvents = communityEvents;
        this.searchFacts = searchFacts;
    }

    @GetMapping("/api/analytics/series/members-registered")
    @PreAuthorize(ANALYSTS)
    @ReadModel(ProjectionNames.ANALYTICS_MEMBERS)
    @Operation(
            operationId = "membersRegisteredSeries",
            summary = "Members registered per day, week or month",
            description =
                    "Every member who ever registered counts in the bucket of their registration, erased and"
                            + " deactivated ones included (growth does not shrink when someone leaves).")
    TimeSeries membersRegistered(
            @Parameter(
                            description = INTERVAL,
                            schema = @Schema(allowableValues = {"day", "week", "month"}))
                    @RequestParam(defaultValue = "month")
                    String interval,
            @Parameter(description = SERIES_FROM) @RequestParam(required = false) Instant from,
            @Parameter(description = SERIES_TO) @RequestParam(required = false) Instant to,
            @Parameter(description = "Only members with this interest now")
                    @RequestParam(required = false)
                    @Size(max = 256)
                    String interest,
            @Parameter(description = "Only members holding this role now (granted in the platform)")
                    @RequestParam(required = false)
                    Role role) {
        Interval width = Interval.parse(interval);
        FactFilters filters =
                new FactFilters()
                        .term("interests", interest)
                        .term("roles", role == null ? null : role.name());
        return queries.series(
                members.alias(), width, TimeRange.forSeries(from, to, width, clock), filters);
    }

    @GetMapping("/api/analytics/series/community-events-created")
    @PreAuthorize(ANALYSTS)
    @ReadModel(ProjectionNames.ANALYTICS_COMMUNITY_EVENTS)
    @Operation(
            operationId = "communityEventsCreatedSeries",
            summary = "Community events drafted per day, week or" + " month",
            description =
                    "Each community event counts in the bucket of its draft, whatever became of it.")
    TimeSeries communityEventsCreated(
            @Parameter(
                            description = INTERVAL,
                            schema = @Schema(allowableValues = {"day", "week", "month"}))
                    @RequestParam(defaultValue = "week")
                    String interval,
            @Parameter(description = SERIES_FROM) @RequestParam(required = false) Instant from,
            @Parameter(description = SERIES_TO) @RequestParam(required = false) Instant to,
            @Parameter(description = "Only events with this tag")
                    @RequestParam(required = false)
                    @Size(max = 256)
                    String tag,
            @Parameter(
                            description = "Only events in this state now",
                            schema = @Schema(allowableValues = {"DRAFT", "PUBLISHED", "CANCELLED"}))
                    @RequestParam(required = false)
                    String status) {
        Interval width = Interval.parse(interval);
        FactFilters filters =
                new FactFilters()
                        .term("tags", tag)
                        .term("status", oneOf("status", status, STATUSES));
        return queries.series(
                communityEvents.alias(),
                width,
                TimeRange.forSeries(from, to, width, clock),
                filters);
    }

    @GetMapping("/api/analytics/series/searches")
    @PreAuthorize(ANALYSTS)
    @Operation(
            operationId = "searchesSeries",
            summary = "Searches and questions answered per day, week or month",
            description =
                    "Facts are recorded about a second after the answer (docs/analytics.md); clicks are not"
                            + " counted.")
    TimeSeries searches(
            @Parameter(
                            description = INTERVAL,
                            schema = @Schema(allowableValues = {"day", "week", "month"}))
                    @RequestParam(defaultValue = "day")
                    String interval,
            @Parameter(description = SERIES_FROM) @RequestParam(required = false) Instant from,
            @Parameter(description = SERIES_TO) @RequestParam(required = false) Instant to,
            @Parameter(
                            description = "search or ask; default: both",
                            schema = @Schema(allowableValues = {"search", "ask"}))
                    @RequestParam(required = false)
                    String type,
            @Parameter(
                            description = "a question is always hybrid",
                            schema = @Schema(allowableValues = {"semantic", "fulltext", "hybrid"}))
                    @RequestParam(required = false)
                    String mode,
            @Parameter(description = "true: only those that found nothing")
                    @RequestParam(required = false)
                    Boolean zeroResults) {
        Interval width = Interval.parse(interval);
        return queries.series(
                searchFacts.alias(),
                width,
                TimeRange.forSeries(from, to, width, clock),
                searchFilters(type, mode, zeroResults));
    }

    @GetMapping("/api/analytics/top/search-queries")
    @PreAuthorize(ANALYSTS)
    @Operation(
            operationId = "topSearchQueries",
            summary = "What members search for and ask most, word for word")
    Ranking topSearchQueries(
            @Parameter(description = TOP_FROM) @RequestParam(required = false) Instant from,
            @Parameter(description = TOP_TO) @RequestParam(required = false) Instant to,
            @Parameter(description = SIZE) @RequestParam(defaultValue = "10") @Min(1) @Max(100)
                    int size,
            @Parameter(
                            description = "search or ask; default: both",
                            schema = @Schema(allowableValues = {"search", "ask"}))
                    @RequestParam(required = false)
                    String type,
            @Parameter(schema = @Schema(allowableValues = {"semantic", "fulltext", "hybrid"}))
                    @RequestParam(required = false)
                    String mode) {
        return queries.top(
                searchFacts.alias(),
                "query.keyword",
                size,
                new TimeRange(from, to),
                searchFilters(type, mode, null));
    }

    @GetMapping("/api/analytics/top/zero-result-queries")
    @PreAuthorize(ANALYSTS)
    @Operation(
            operationId = "topZeroResultQueries",
            summary = "What members search for and ask most without" + " finding anything",
            description =
                    "The searches answered with no document and the questions answered"
                            + " with no cited passage: what the knowledge hub lacks.")
    Ranking topZeroResultQueries(
            @Parameter(description = TOP_FROM) @RequestParam(required = false) Instant from,
            @Parameter(description = TOP_TO) @RequestParam(required = false) Instant to,
            @Parameter(description = SIZE) @RequestParam(defaultValue = "10") @Min(1) @Max(100)
                    int size,
            @Parameter(
                            description = "search or ask; default: both",
                            schema = @Schema(allowableValues = {"search", "ask"}))
                    @RequestParam(required = false)
                    String type,
            @Parameter(schema = @Schema(allowableValues = {"semantic", "fulltext", "hybrid"}))
                    @RequestParam(required = false)
                    String mode) {
        return queries.top(
                searchFacts.alias(),
                "query.keyword",
                size,
                new TimeRange(from, to),
                searchFilters(type, mode, true));
    }

    @GetMapping("/api/analytics/top/community-event-tags")
    @PreAuthorize(ANALYSTS)
    @ReadModel(ProjectionNames.ANALYTICS_COMMUNITY_EVENTS)
    @Operation(
            operationId = "topCommunityEventTags",
            summary = "The tags most community events carry")
    Ranking topCommunityEventTags(
            @Parameter(
                            description =
                                    "Only events drafted at or after this instant (ISO 8601); default: all")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(
                            description =
                                    "Only events drafted before this instant (ISO 8601); default: all")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(description = SIZE) @RequestParam(defaultValue = "10") @Min(1) @Max(100)
                    int size,
            @Parameter(
                            description = "Only events in this state now",
                            schema = @Schema(allowableValues = {"DRAFT", "PUBLISHED", "CANCELLED"}))
                    @RequestParam(required = false)
                    String status) {
        return queries.top(
                communityEvents.alias(),
                "tags",
                size,
                new TimeRange(from, to),
                new FactFilters().term("status", oneOf("status", status, STATUSES)));
    }

    @GetMapping("/api/analytics/funnels/attendance")
    @PreAuthorize(ANALYSTS)
    @ReadModel(ProjectionNames.ANALYTICS_COMMUNITY_EVENTS)
    @Operation(
            operationId = "attendanceFunnel",
            summary =
                    "RSVP → seat → check-in: how many RSVPs became seats and"
                            + " how many seats attendees",
            description =
                    "Summed over the community events drafted in the range,"
                            + " narrowed to one event or a tag. RSVPs count every one received, cancelled ones included; seats are"
                            + " those taken now.")
    Funnel attendanceFunnel(
            @Parameter(
                            description =
                                    "Only events drafted at or after this instant (ISO 8601); default: all")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(
                            description =
                                    "Only events drafted before this instant (ISO 8601); default: all")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(description = "Only this community event") @RequestParam(required = false)
                    UUID communityEventId,
            @Parameter(description = "Only events with this tag")
                    @RequestParam(required = false)
                    @Size(max = 256)
                    String tag) {
        FactFilters filters =
                new FactFilters()
                        .term("tags", tag)
                        .term(
                                "communityEventId",
                                communityEventId == null ? null : communityEventId.toString());
        return queries.funnel(communityEvents.alias(), new TimeRange(from, to), filters);
    }

    /** Searches and questions (never clicks), narrowed as asked. */
    private static FactFilters searchFilters(String type, String mode, Boolean zeroResults) {
        String oneType = oneOf("type", type, SEARCH_TYPES);
        return new FactFilters()
                .anyOf("type", oneType == null ? SEARCH_TYPES : List.of(oneType))
                .term("mode", oneOf("mode", mode, MODES))
                .zero("resultCount", zeroResults);
    }

    /** The value, if one of {@code allowed}; null if absent or blank (no filter). */
    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (allowed.contains(value.strip())) {
            return value.strip();
        }
        throw new InvalidAnalyticsRequestException(
                field, "must be one of " + String.join(", ", allowed));
    }
}
