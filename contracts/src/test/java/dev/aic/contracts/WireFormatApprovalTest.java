package dev.aic.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.aic.contracts.agenda.AgendaEvent;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.BrokenGoal;
import dev.aic.contracts.agenda.Conflict;
import dev.aic.contracts.agenda.HardRule;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Score;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.integration.AgendaSolveReport;
import dev.aic.contracts.integration.AgendaSolveRequestedIntegrationEvent;
import dev.aic.contracts.integration.DocumentDeletedIntegrationEvent;
import dev.aic.contracts.integration.DocumentIntegrationEvent;
import dev.aic.contracts.integration.DocumentProcessingReport;
import dev.aic.contracts.integration.DocumentVersionReadyIntegrationEvent;
import dev.aic.contracts.integration.MemberErasedIntegrationEvent;
import dev.aic.contracts.integration.UserIntegrationEvent;
import dev.aic.contracts.integration.UserRegisteredIntegrationEvent;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freezes the JSON of every published message. A failing comparison means the wire format changed:
 * add a new revision and an upcaster instead of editing the approved file.
 */
class WireFormatApprovalTest {

    private static final Path APPROVED = Path.of("src/test/resources/approved");
    private static final UUID USER = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e");
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    private final ObjectMapper json =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT);

    private static final CommunityEventId MEETUP =
            CommunityEventId.of("0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f");
    private static final Details DETAILS =
            new Details(
                    "Reading group: attention",
                    "We read the transformer paper",
                    "Room 4, Main Library",
                    "https://meet.example.org/aic-reading",
                    List.of("reading-group", "nlp"),
                    Visibility.PUBLIC);
    private static final Schedule SCHEDULE =
            new Schedule(
                    Instant.parse("2026-12-03T17:00:00Z"),
                    Instant.parse("2026-12-03T19:00:00Z"),
                    "Europe/Amsterdam");
    private static final DocumentId PAPER = DocumentId.of("3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
    private static final String SHA256 =
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String KEY =
            "documents/3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d/5d41402a-bc4b-4a76-b971-9d911017c592";

    private static final EmbeddingModel MINILM =
            new EmbeddingModel(
                    "all-minilm-l6-v2",
                    "4c2f6b1e0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b",
                    4);
    private static final EmbeddedChunk CHUNK =
            new EmbeddedChunk(
                    7,
                    "Attention weighs every token against the others.",
                    3,
                    ChunkLocation.page(4),
                    120,
                    169,
                    11,
                    new EmbeddingVector(new float[] {0.5f, -0.5f, 0.25f, 0.625f}));

    private static final AgendaId AGENDA = AgendaId.of("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    private static final UUID SOLVE = UUID.fromString("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928");
    private static final Room HALL =
            new Room(
                    UUID.fromString("11111111-2222-4333-8444-555555555551"),
                    "Main hall",
                    200,
                    List.of("projector", "microphone"));
    private static final Slot MORNING =
            new Slot(
                    UUID.fromString("11111111-2222-4333-8444-555555555552"),
                    Instant.parse("2026-12-03T09:00:00Z"),
                    Instant.parse("2026-12-03T10:00:00Z"),
                    List.of(HALL.roomId()));
    private static final Session KEYNOTE =
            new Session(
                    UUID.fromString("11111111-2222-4333-8444-555555555553"),
                    "Attention, revisited",
                    "Why the transformer won",
                    List.of(new UserId(USER)),
                    45,
                    "nlp",
                    List.of("transformers"),
                    List.of("projector"),
                    150);
    private static final Period WINDOW =
            new Period(
                    Instant.parse("2026-12-03T08:00:00Z"), Instant.parse("2026-12-03T18:00:00Z"));
    private static final SpeakerAvailability AVAILABILITY =
            new SpeakerAvailability(
                    new UserId(USER),
                    List.of(
                            new Period(
                                    Instant.parse("2026-12-03T14:00:00Z"),
                                    Instant.parse("2026-12-03T16:00:00Z"))),
                    List.of(
                            new Period(
                                    Instant.parse("2026-12-03T09:00:00Z"),
                                    Instant.parse("2026-12-03T12:00:00Z"))));
    private static final Placement PLACED =
            new Placement(KEYNOTE.sessionId(), MORNING.slotId(), HALL.roomId());
    private static final BrokenGoal BROKEN =
            new BrokenGoal(
                    "track in one room", KEYNOTE.sessionId(), null, 1, "Track nlp uses 2 rooms");
    private static final Conflict CONFLICT =
            new Conflict(
                    HardRule.ROOM_TOO_SMALL,
                    KEYNOTE.sessionId(),
                    null,
                    "Main hall seats 200; 'Attention, revisited' expects 250");
    private static final AgendaPlan PLAN =
            new AgendaPlan(
                    WINDOW,
                    List.of(HALL),
                    List.of(MORNING),
                    List.of(KEYNOTE),
                    List.of(AVAILABILITY),
                    List.of(PLACED),
                    List.of(KEYNOTE.sessionId()),
                    Map.of(KEYNOTE.sessionId(), 12));

    static Stream<Record> samples() {
        return Stream.of(
                new AgendaEvent.Opened(
                        AGENDA, MEETUP, List.of(new UserId(USER)), WINDOW, "Europe/Amsterdam"),
                new AgendaEvent.RoomDefined(AGENDA, HALL),
                new AgendaEvent.SlotDefined(AGENDA, MORNING),
                new AgendaEvent.SessionDefined(AGENDA, KEYNOTE),
                new AgendaEvent.SpeakerAvailabilityStated(AGENDA, AVAILABILITY),
                new AgendaEvent.SessionPlaced(AGENDA, PLACED),
                new AgendaEvent.SessionMoved(AGENDA, PLACED),
                new AgendaEvent.SessionUnassigned(AGENDA, KEYNOTE.sessionId()),
                new AgendaEvent.SessionLocked(AGENDA, KEYNOTE.sessionId()),
                new AgendaEvent.SessionUnlocked(AGENDA, KEYNOTE.sessionId()),
                new AgendaEvent.Published(AGENDA),
                new AgendaEvent.SessionMarked(AGENDA, KEYNOTE.sessionId(), new UserId(USER)),
                new AgendaEvent.SessionUnmarked(AGENDA, KEYNOTE.sessionId(), new UserId(USER)),
                new AgendaEvent.SolveRequested(AGENDA, SOLVE, 30, PLAN),
                new AgendaEvent.SolveProgressed(AGENDA, SOLVE, new Score(-2, -40), 1250),
                new AgendaEvent.ProposalReceived(
                        AGENDA,
                        SOLVE,
                        new Score(0, -12),
                        List.of(PLACED),
                        List.of(BROKEN),
                        List.of(CONFLICT),
                        30_000),
                new AgendaEvent.ProposalAccepted(AGENDA, SOLVE),
                new AgendaEvent.ProposalDiscarded(AGENDA, SOLVE),
                new AgendaEvent.SpeakerReminderDue(
                        AGENDA,
                        MEETUP,
                        KEYNOTE.sessionId(),
                        KEYNOTE.title(),
                        HALL.name(),
                        new UserId(USER),
                        MORNING.startsAt()),
                new AgendaSolveRequestedIntegrationEvent(AGENDA.value(), SOLVE, 30, PLAN),
                new AgendaSolveReport.Progressed(AGENDA.value(), SOLVE, new Score(-2, -40), 1250),
                new AgendaSolveReport.Proposed(
                        AGENDA.value(),
                        SOLVE,
                        new Score(0, -12),
                        List.of(PLACED),
                        List.of(BROKEN),
                        List.of(CONFLICT),
                        30_000),
                new CommunityEventEvent.Drafted(MEETUP, new UserId(USER), DETAILS, SCHEDULE, 50),
                new CommunityEventEvent.DetailsChanged(MEETUP, DETAILS),
                new CommunityEventEvent.Published(MEETUP),
                new CommunityEventEvent.Rescheduled(MEETUP, SCHEDULE),
                new CommunityEventEvent.CapacityChanged(MEETUP, 60),
                new CommunityEventEvent.CoOrganizerAdded(MEETUP, new UserId(USER)),
                new CommunityEventEvent.Cancelled(MEETUP, "speaker ill"),
                new CommunityEventEvent.RsvpConfirmed(MEETUP, new UserId(USER)),
                new CommunityEventEvent.RsvpWaitlisted(MEETUP, new UserId(USER)),
                new CommunityEventEvent.RsvpCancelled(
                        MEETUP, new UserId(USER), RsvpState.CONFIRMED),
                new CommunityEventEvent.PromotedFromWaitingList(MEETUP, new UserId(USER)),
                new CommunityEventEvent.AttendeeCheckedIn(MEETUP, new UserId(USER)),
                new CommunityEventEvent.ReminderDue(MEETUP, new UserId(USER), SCHEDULE.startsAt()),
                new CommunityEventEvent.AgendaOpened(MEETUP, AGENDA),
                new UserEvent.Registered(new UserId(USER), "ada@example.org", "Ada Lovelace"),
                new UserEvent.IdentityLinked(new UserId(USER), "https://login.example.org", "ada"),
                new UserEvent.ProfileUpdated(
                        new UserId(USER),
                        "Ada Lovelace",
                        "First programmer",
                        List.of("analytical engines"),
                        "https://cdn.example.org/avatars/ada.png"),
                new UserEvent.RolesChanged(new UserId(USER), List.of(Role.MEMBER, Role.ORGANIZER)),
                new UserEvent.Deactivated(new UserId(USER), "left the community"),
                new UserEvent.Reactivated(new UserId(USER)),
                new UserEvent.Erased(new UserId(USER), "erasure request 2026-114"),
                new UserEvent.EmailPreferencesChanged(
                        new UserId(USER), List.of(EmailTopic.EVENT_REMINDER)),
                new UserRegisteredIntegrationEvent(USER, AT),
                new MemberErasedIntegrationEvent(USER, AT),
                new DocumentEvent.Uploaded(
                        PAPER,
                        1,
                        new UserId(USER),
                        "Attention is all you need",
                        List.of("nlp", "transformers"),
                        DocumentVisibility.EVENT_ATTENDEES,
                        MEETUP,
                        "application/pdf",
                        2_215_244,
                        SHA256,
                        KEY,
                        "attention.pdf"),
                new DocumentEvent.VersionAdded(
                        PAPER, 2, "application/pdf", 2_300_100, SHA256, KEY, "attention-v2.pdf"),
                new DocumentEvent.Deleted(PAPER, List.of(KEY)),
                new DocumentVersionReadyIntegrationEvent(
                        PAPER.value(), 2, "application/pdf", SHA256, KEY, 2_300_100),
                new DocumentDeletedIntegrationEvent(PAPER.value()),
                new DocumentEvent.ProcessingStarted(PAPER, 2, MINILM),
                new DocumentEvent.ChunksEmbedded(PAPER, 2, MINILM, List.of(CHUNK)),
                new DocumentEvent.ProcessingCompleted(PAPER, 2, MINILM, 41),
                new DocumentEvent.ProcessingFailed(
                        PAPER,
                        2,
                        MINILM,
                        ProcessingFailureReason.NO_TEXT,
                        "The PDF has 3 pages but no extractable text; it is probably scanned"),
                new DocumentEvent.ReprocessingRequested(
                        PAPER, 2, "application/pdf", 2_300_100, SHA256, KEY),
                new DocumentProcessingReport.Started(PAPER.value(), 2, MINILM),
                new DocumentProcessingReport.Embedded(PAPER.value(), 2, MINILM, List.of(CHUNK)),
                new DocumentProcessingReport.Completed(PAPER.value(), 2, MINILM, 41),
                new DocumentProcessingReport.Failed(
                        PAPER.value(),
                        2,
                        MINILM,
                        ProcessingFailureReason.CORRUPT,
                        "Truncated zip container"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serialisedFormMatchesTheApprovedFile(Record message) throws IOException {
        String actual = json.writeValueAsString(message) + "\n";
        // nested records keep their outer name: CommunityEventEvent$Cancelled.json, never just
        // Cancelled.json
        Class<?> type = message.getClass();
        Path approved =
                APPROVED.resolve(
                        type.getName().substring(type.getPackageName().length() + 1) + ".json");
        if (!Files.exists(approved)) {
            Files.createDirectories(APPROVED);
            Files.writeString(approved, actual);
            fail("No approved file yet: wrote " + approved + "; review and commit it");
        }
        assertThat(actual).isEqualTo(Files.readString(approved));
        assertThat(json.readValue(actual, message.getClass())).isEqualTo(message);
    }

    @Test
    void everyPublishedMessageHasASample() {
        List<Class<?>> sampled = samples().<Class<?>>map(Object::getClass).toList();
        Stream.of(
                        UserEvent.class,
                        UserIntegrationEvent.class,
                        CommunityEventEvent.class,
                        DocumentEvent.class,
                        DocumentIntegrationEvent.class,
                        DocumentProcessingReport.class,
                        AgendaEvent.class,
                        AgendaSolveReport.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .forEach(type -> assertThat(sampled).as("samples").contains(type));
    }

    @Test
    void everyDomainEventCarriesARevision() {
        Stream.of(
                        UserEvent.class,
                        CommunityEventEvent.class,
                        DocumentEvent.class,
                        AgendaEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .forEach(
                        type ->
                                assertThat(type.getAnnotation(Revision.class))
                                        .as(type.getName())
                                        .isNotNull());
    }
}
