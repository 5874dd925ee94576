package dev.aic.commandside.communityevent;

import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the community-event endpoints. Every limit is explicit; anything undeclared is
 * refused with 400 {@code field-not-allowed} (the package-private checks below are invisible to
 * JSON). Rules that need the event's state (who organises it, whether it starts in the future once
 * published) are the aggregate's.
 */
final class CommunityEventRequests {

    static final int MAX_CAPACITY = 100_000;
    private static final String HTTPS_URL = "https://\\S+";
    private static final String HTTPS_MESSAGE = "must be an https URL";
    private static final String SOMEWHERE = "give a venue, an online link, or both";
    // what every read model (PostgreSQL, OpenSearch) and an iCalendar DATE-TIME can hold
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    private static final String IN_CALENDAR =
            "startsAt and endsAt must lie in the years 0001 to 9999";

    private CommunityEventRequests() {}

    /** {@code POST /api/events}: a draft, visible to its organisers until published. */
    record Draft(
            @Schema(example = "Reading group: attention") @NotBlank @Size(max = 200) String title,
            @Schema(example = "We read and discuss one paper a month") @Size(max = 5000)
                    String description,
            @Schema(example = "2027-03-01T18:00:00Z") @NotNull Instant startsAt,
            @Schema(example = "2027-03-01T20:00:00Z") @NotNull Instant endsAt,
            @Schema(example = "Europe/Amsterdam") @NotBlank @IanaTimeZone String timeZone,
            @Schema(example = "Public library, room 2") @Size(max = 300) String venue,
            @Schema(example = "https://meet.example.org/reading-group")
                    @Size(max = 500)
                    @Pattern(regexp = HTTPS_URL, message = HTTPS_MESSAGE)
                    String onlineLink,
            @Schema(example = "50") @NotNull @Min(1) @Max(MAX_CAPACITY) Integer capacity,
            @Schema(example = "[\"nlp\", \"papers\"]") @Size(max = 10)
                    List<@NotBlank @Size(max = 40) String> tags,
            @NotNull Visibility visibility) {

        @AssertTrue(message = SOMEWHERE)
        boolean isVenueOrOnlineLink() {
            return somewhere(venue, onlineLink);
        }

        @AssertTrue(message = IN_CALENDAR)
        boolean isInCalendar() {
            return inCalendar(startsAt) && inCalendar(endsAt);
        }

        Details details() {
            return new Details(title, description, venue, onlineLink, tagsOrNone(tags), visibility);
        }

        Schedule schedule() {
            return new Schedule(startsAt, endsAt, timeZone);
        }
    }

    /** {@code PUT /api/events/{id}/details}: replaces what the event is about and where. */
    record ChangeDetails(
            @Schema(example = "Reading group: attention") @NotBlank @Size(max = 200) String title,
            @Schema(example = "We read and discuss one paper a month") @Size(max = 5000)
                    String description,
            @Schema(example = "Public library, room 2") @Size(max = 300) String venue,
            @Schema(example = "https://meet.example.org/reading-group")
                    @Size(max = 500)
                    @Pattern(regexp = HTTPS_URL, message = HTTPS_MESSAGE)
                    String onlineLink,
            @Schema(example = "[\"nlp\", \"papers\"]") @Size(max = 10)
                    List<@NotBlank @Size(max = 40) String> tags,
            @NotNull Visibility visibility) {

        @AssertTrue(message = SOMEWHERE)
        boolean isVenueOrOnlineLink() {
            return somewhere(venue, onlineLink);
        }

        Details details() {
            return new Details(title, description, venue, onlineLink, tagsOrNone(tags), visibility);
        }
    }

    /** {@code PUT /api/events/{id}/schedule}. */
    record Reschedule(
            @Schema(example = "2027-03-08T18:00:00Z") @NotNull Instant startsAt,
            @Schema(example = "2027-03-08T20:00:00Z") @NotNull Instant endsAt,
            @Schema(example = "Europe/Amsterdam") @NotBlank @IanaTimeZone String timeZone) {

        @AssertTrue(message = IN_CALENDAR)
        boolean isInCalendar() {
            return inCalendar(startsAt) && inCalendar(endsAt);
        }

        Schedule schedule() {
            return new Schedule(startsAt, endsAt, timeZone);
        }
    }

    /** {@code PUT /api/events/{id}/capacity}: never below the seats already taken. */
    record ChangeCapacity(
            @Schema(example = "80") @NotNull @Min(1) @Max(MAX_CAPACITY) Integer capacity) {}

    /** {@code POST /api/events/{id}/organizers}: a registered user becomes a co-organiser. */
    record AddOrganizer(@NotNull UUID userId) {}

    /** {@code POST /api/events/{id}/cancel}: final. */
    record Cancel(@Schema(example = "the speaker is ill") @Size(max = 500) String reason) {}

    /** {@code POST /api/events/{id}/check-ins}: an attendee with a seat arrived. */
    record CheckIn(@NotNull UUID userId) {}

    private static boolean somewhere(String venue, String onlineLink) {
        return (venue != null && !venue.isBlank()) || (onlineLink != null && !onlineLink.isBlank());
    }

    private static boolean inCalendar(Instant at) {
        return at == null || (!at.isBefore(FIRST_INSTANT) && !at.isAfter(LAST_INSTANT));
    }

    private static List<String> tagsOrNone(List<String> tags) {
        return tags == null ? List.of() : tags;
    }
}
