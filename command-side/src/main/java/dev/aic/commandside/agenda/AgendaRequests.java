package dev.aic.commandside.agenda;

import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.user.UserId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the agenda endpoints. Every limit is explicit; rules that need the agenda's
 * state (who organises it, the hard rules) are the aggregate's.
 */
final class AgendaRequests {

    static final int MAX_CAPACITY = 100_000;
    // a solve runs on the ai-worker's listener thread, well inside Kafka's max.poll.interval.ms (5
    // minutes)
    static final int MAX_BUDGET_SECONDS = 240;
    private static final String TAG = "[a-z0-9][a-z0-9-]{0,39}";

    private AgendaRequests() {}

    /** {@code POST/PUT …/agenda/rooms}. */
    record DefineRoom(
            @Schema(example = "Main hall") @NotBlank @Size(max = 100) String name,
            @Schema(example = "200") @NotNull @Min(1) @Max(MAX_CAPACITY) Integer capacity,
            @Schema(example = "[\"projector\"]") @Size(max = 20)
                    List<@NotNull @jakarta.validation.constraints.Pattern(regexp = TAG) String>
                            equipment) {

        Room room(UUID roomId) {
            return new Room(roomId, name, capacity, equipment);
        }
    }

    /** {@code POST/PUT …/agenda/slots}: the rooms it is offered in. */
    record DefineSlot(
            @Schema(example = "2027-03-01T09:00:00Z") @NotNull Instant startsAt,
            @Schema(example = "2027-03-01T10:00:00Z") @NotNull Instant endsAt,
            @NotNull @Size(min = 1, max = 100) List<@NotNull UUID> roomIds) {

        @AssertTrue(message = "endsAt must be after startsAt")
        boolean isEndAfterStart() {
            return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
        }

        Slot slot(UUID slotId) {
            return new Slot(slotId, startsAt, endsAt, roomIds);
        }
    }

    /** {@code POST/PUT …/agenda/sessions}. */
    record DefineSession(
            @Schema(example = "Attention, revisited") @NotBlank @Size(max = 200) String title,
            @Schema(description = "the session's abstract") @Size(max = 5000) String summary,
            @NotNull @Size(max = 10) List<@NotNull UUID> speakers,
            @Schema(example = "45") @NotNull @Min(1) @Max(24 * 60) Integer durationMinutes,
            @Schema(example = "nlp") @Size(max = 60) String track,
            @Size(max = 10)
                    List<@NotNull @jakarta.validation.constraints.Pattern(regexp = TAG) String>
                            tags,
            @Size(max = 20)
                    List<@NotNull @jakarta.validation.constraints.Pattern(regexp = TAG) String>
                            requiredEquipment,
            @Schema(example = "120") @NotNull @Min(0) @Max(MAX_CAPACITY) Integer expectedAudience) {

        Session session(UUID sessionId) {
            return new Session(
                    sessionId,
                    title,
                    summary,
                    speakers.stream().map(UserId::new).toList(),
                    durationMinutes,
                    track,
                    tags,
                    requiredEquipment,
                    expectedAudience);
        }
    }

    /** A stretch of time in a speaker's statement. */
    record Stretch(@NotNull Instant from, @NotNull Instant until) {

        @AssertTrue(message = "until must be after from")
        boolean isUntilAfterFrom() {
            return from == null || until == null || until.isAfter(from);
        }

        Period period() {
            return new Period(from, until);
        }
    }

    /**
     * {@code PUT …/agenda/speakers/{userId}/availability}: replaces what the speaker stated before.
     */
    record StateAvailability(
            @Size(max = 50) List<@NotNull @Valid Stretch> unavailable,
            @Size(max = 50) List<@NotNull @Valid Stretch> preferred) {

        SpeakerAvailability availability(UUID speaker) {
            return new SpeakerAvailability(
                    new UserId(speaker), periods(unavailable), periods(preferred));
        }

        private static List<Period> periods(List<Stretch> stretches) {
            return stretches == null ? List.of() : stretches.stream().map(Stretch::period).toList();
        }
    }

    /** {@code PUT …/agenda/sessions/{sessionId}/placement}. */
    record Place(@NotNull UUID slotId, @NotNull UUID roomId) {}

    /** {@code POST …/agenda/solves}: how long the solver may search. */
    record RequestSolve(
            @Schema(example = "30") @NotNull @Min(1) @Max(MAX_BUDGET_SECONDS)
                    Integer timeBudgetSeconds) {}
}
