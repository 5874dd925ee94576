package dev.aic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Event-store rows shaped like the platform's own, written with COPY. They come in blocks of forty,
 * as a busy community would write them: a community event's life (drafted, published, 26 RSVPs, a
 * cancellation, a promotion from the waiting list), four members registering and filling in their
 * profiles, and a document uploaded and processed. Payloads are the contracts' JSON (a few hundred
 * bytes; profiles and drafts carry text), metadata is the full attribution every command gives its
 * events. Seeded, so every run writes the same.
 */
final class ChainEvents {

    private static final HexFormat HEX = HexFormat.of();

    /** Axon's own format: fixed-width ISO-8601 with milliseconds, in UTC. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String LOREM =
            "Hands-on session on retrieval-augmented generation with open models: "
                    + "chunking strategies, embeddings, hybrid search and evaluation. Bring a laptop with Java 17; "
                    + "we pair up and build a small assistant over the community's own documents. ";

    private final Random random = new Random(20261203);
    private final Instant start = Instant.parse("2026-01-05T08:00:00Z");
    private long written;

    /** Writes {@code count} events (a multiple of forty is written whole) in one COPY. */
    long write(Connection connection, long count) throws SQLException, IOException {
        CopyIn copy =
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                """
                COPY domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp,
                    aggregateidentifier, sequencenumber, type) FROM STDIN WITH (FORMAT text)""");
        try {
            StringBuilder rows = new StringBuilder(1 << 20);
            while (written < count) {
                block(rows, count);
                if (rows.length() > (1 << 20) - 64 * 1024) {
                    flush(copy, rows);
                }
            }
            flush(copy, rows);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void block(StringBuilder rows, long count) {
        String event = uuid();
        String organizer = uuid();
        String draftCorrelation = uuid();
        long seq = 0;
        add(
                rows,
                count,
                event,
                seq++,
                "CommunityEvent",
                "communityevent.CommunityEventDrafted",
                organizer,
                "ORGANIZER",
                "CommunityEventCommands.Draft",
                draftCorrelation,
                """
                {"communityEventId":"%s","organizer":"%s","title":"RAG in practice #%d","venue":"Hall %d",\
                "capacity":25,"visibility":"MEMBERS","startsAt":"2026-03-0%dT17:00:00Z","endsAt":"2026-03-0%dT19:00:00Z",\
                "timeZone":"Europe/Berlin","description":"%s","tags":["ai","rag","java"]}"""
                        .formatted(
                                event,
                                organizer,
                                random.nextInt(10_000),
                                random.nextInt(9),
                                1 + random.nextInt(8),
                                1 + random.nextInt(8),
                                LOREM));
        add(
                rows,
                count,
                event,
                seq++,
                "CommunityEvent",
                "communityevent.CommunityEventPublished",
                organizer,
                "ORGANIZER",
                "CommunityEventCommands.Publish",
                uuid(),
                """
                {"communityEventId":"%s"}"""
                        .formatted(event));
        String firstMember = null;
        for (int i = 0; i < 26; i++) {
            String member = uuid();
            firstMember = firstMember == null ? member : firstMember;
            add(
                    rows,
                    count,
                    event,
                    seq++,
                    "CommunityEvent",
                    i < 25 ? "communityevent.RsvpConfirmed" : "communityevent.RsvpWaitlisted",
                    member,
                    "MEMBER",
                    "CommunityEventCommands.Rsvp",
                    uuid(),
                    """
                    {"communityEventId":"%s","userId":"%s"}"""
                            .formatted(event, member));
        }
        String cancellation = uuid();
        add(
                rows,
                count,
                event,
                seq++,
                "CommunityEvent",
                "communityevent.RsvpCancelled",
                firstMember,
                "MEMBER",
                "CommunityEventCommands.CancelRsvp",
                cancellation,
                """
                {"communityEventId":"%s","userId":"%s"}"""
                        .formatted(event, firstMember));
        add(
                rows,
                count,
                event,
                seq,
                "CommunityEvent",
                "communityevent.PromotedFromWaitingList",
                firstMember,
                "MEMBER",
                "CommunityEventCommands.CancelRsvp",
                cancellation,
                """
                {"communityEventId":"%s","userId":"%s"}"""
                        .formatted(event, uuid()));
        for (int i = 0; i < 4; i++) {
            String user = uuid();
            int n = random.nextInt(1_000_000);
            add(
                    rows,
                    count,
                    user,
                    0,
                    "User",
                    "user.UserEvent$Registered",
                    user,
                    "MEMBER",
                    "UserCommands.RegisterSelf",
                    uuid(),
                    """
                    {"userId":"%s","email":"member%d@example.test","displayName":"Member %d"}"""
                            .formatted(user, n, n));
            add(
                    rows,
                    count,
                    user,
                    1,
                    "User",
                    "user.UserEvent$ProfileUpdated",
                    user,
                    "MEMBER",
                    "UserCommands.UpdateProfile",
                    uuid(),
                    """
                    {"userId":"%s","displayName":"Member %d","bio":"%s","interests":["llm","search","kotlin"],\
                    "avatarRef":"https://avatars.example.test/%d.png"}"""
                            .formatted(user, n, LOREM.substring(0, 160), n));
        }
        String document = uuid();
        String owner = uuid();
        add(
                rows,
                count,
                document,
                0,
                "Document",
                "document.DocumentUploaded",
                owner,
                "MEMBER",
                "DocumentCommands.Upload",
                uuid(),
                """
                {"documentId":"%s","contentVersion":1,"owner":"%s","title":"Slides: vector search","tags":["slides"],\
                "visibility":"MEMBERS","contentType":"application/pdf","sizeBytes":%d,"sha256":"%s",\
                "storageKey":"documents/%s/%s","originalFilename":"vector-search.pdf"}"""
                        .formatted(
                                document,
                                owner,
                                100_000 + random.nextInt(5_000_000),
                                HEX.formatHex(bytes(32)),
                                document,
                                uuid()));
        add(
                rows,
                count,
                document,
                1,
                "Document",
                "document.DocumentProcessingCompleted",
                null,
                "SERVICE",
                "DocumentCommands.RecordProcessing",
                uuid(),
                """
                {"documentId":"%s","contentVersion":1,"model":"all-minilm-l6-v2","chunks":%d}"""
                        .formatted(document, 20 + random.nextInt(200)));
    }

    private void add(
            StringBuilder rows,
            long count,
            String aggregate,
            long sequence,
            String aggregateType,
            String payloadType,
            String actor,
            String role,
            String command,
            String correlation,
            String payload) {
        if (written >= count) {
            return;
        }
        String metadata =
                actor == null
                        ? """
                {"actorSubject":"service#ai-worker","client":"ai-worker","requestId":"%s","command":"%s",\
                "causationId":"%s","correlationId":"%s"}"""
                                .formatted(uuid(), command, uuid(), correlation)
                        : """
                {"actorId":"%s","actorSubject":"https://login.example.test/v2.0#%s","actorRoles":["%s"],\
                "client":"aic-web","requestId":"%s","traceId":"%s","command":"%s","causationId":"%s",\
                "correlationId":"%s"}"""
                                .formatted(
                                        actor,
                                        actor,
                                        role,
                                        uuid(),
                                        HEX.formatHex(bytes(16)),
                                        command,
                                        uuid(),
                                        correlation);
        Instant at = start.plus(written * 37, ChronoUnit.MILLIS);
        rows.append(uuid())
                .append('\t')
                .append("\\\\x")
                .append(HEX.formatHex(metadata.getBytes(StandardCharsets.UTF_8)))
                .append('\t')
                .append("\\\\x")
                .append(HEX.formatHex(payload.getBytes(StandardCharsets.UTF_8)))
                .append('\t')
                .append("1\t")
                .append("dev.aic.contracts.")
                .append(payloadType)
                .append('\t')
                .append(TIMESTAMP.format(at))
                .append('\t')
                .append(aggregate)
                .append('\t')
                .append(sequence)
                .append('\t')
                .append(aggregateType)
                .append('\n');
        written++;
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
