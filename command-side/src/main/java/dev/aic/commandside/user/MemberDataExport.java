package dev.aic.commandside.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.web.Attribution;
import dev.aic.contracts.RenamedEventUpcaster;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.PersonalDataSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a member's {@link MemberDataArchive} from the event store, the source of truth, and from
 * the command-side's own tables (account, e-mails sent). Served here rather than by the query-side
 * because read models may lag or be mid-rebuild, and because the address and the e-mails exist only
 * here.
 *
 * <p>An event belongs in the archive when it is in the member's own stream, names the member in its
 * payload, or was caused by them: exactly the rows the {@code event_subject} index lists for the
 * member's id (filled by the append's own transaction), so an export reads the member's events,
 * never the whole store. It runs as a {@link MemberExports} job, which counts the events first and
 * hears of each page read.
 */
@Component
class MemberDataExport {

    private static final Set<String> RSVP_EVENTS =
            Set.of(
                    CommunityEventEvent.RsvpConfirmed.class.getName(),
                    CommunityEventEvent.RsvpWaitlisted.class.getName(),
                    CommunityEventEvent.RsvpCancelled.class.getName(),
                    CommunityEventEvent.PromotedFromWaitingList.class.getName(),
                    CommunityEventEvent.AttendeeCheckedIn.class.getName());

    private final JdbcTemplate jdbc;
    private final PersonalDataSerializer events;
    private final ObjectMapper json;
    private final Clock clock;

    MemberDataExport(
            JdbcTemplate jdbc,
            @Qualifier("eventSerializer") PersonalDataSerializer events,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What an export job hears while it reads: the member's event count, then the events read so
     * far.
     */
    interface Progress {

        void total(long events);

        void done(long events);
    }

    private static final int PAGE = 500;

    /**
     * One snapshot: the account, e-mails and events are read in one repeatable-read transaction.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public MemberDataArchive of(UserId member, Progress progress) {
        MemberDataArchive.Account account = account(member);
        String identity =
                account == null || account.identitySubject() == null
                        ? null
                        : account.identityIssuer() + "#" + account.identitySubject();
        List<MemberDataArchive.StoredEvent> stored = storedEvents(member, identity, progress);
        return new MemberDataArchive(
                MemberDataArchive.FORMAT,
                clock.instant(),
                member.value(),
                account,
                latest(stored, UserEvent.ProfileUpdated.class, UserEvent.Registered.class)
                        .orElse(null),
                latest(stored, UserEvent.EmailPreferencesChanged.class).orElse(null),
                happenings(stored, member, RSVP_EVENTS, "member"),
                happenings(stored, member, Set.of(DocumentEvent.Uploaded.class.getName()), "owner"),
                notifications(member),
                stored);
    }

    private MemberDataArchive.Account account(UserId member) {
        return jdbc
                .query(
                        "SELECT email, roles, active, issuer, subject FROM user_account WHERE user_id = ?",
                        (row, n) ->
                                new MemberDataArchive.Account(
                                        row.getString("email"),
                                        roles(row),
                                        row.getBoolean("active"),
                                        row.getString("issuer"),
                                        row.getString("subject")),
                        member.value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    /**
     * @param identity the member's {@code issuer#subject}: it names them in events caused before
     *     they had an id
     */
    private List<MemberDataArchive.StoredEvent> storedEvents(
            UserId member, String identity, Progress progress) {
        Long total =
                jdbc.queryForObject(
                        "SELECT count(*) FROM event_subject WHERE subject_id = ?",
                        Long.class,
                        member.value());
        progress.total(total == null ? 0 : total);
        List<MemberDataArchive.StoredEvent> stored = new ArrayList<>();
        long after = -1;
        while (true) {
            List<MemberDataArchive.StoredEvent> page =
                    jdbc.query(
                            """
                    SELECT e.globalindex, e.type, e.aggregateidentifier, e.sequencenumber, e.timestamp, e.payloadtype,
                           e.payloadrevision, e.payload, e.metadata
                    FROM event_subject s JOIN domainevententry e ON e.globalindex = s.global_index
                    WHERE s.subject_id = ? AND s.global_index > ?
                    ORDER BY s.global_index LIMIT ?""",
                            (row, n) -> storedEvent(row, member, identity),
                            member.value(),
                            after,
                            PAGE);
            stored.addAll(page);
            progress.done(stored.size());
            if (page.size() < PAGE) {
                return stored;
            }
            after = page.get(page.size() - 1).position();
        }
    }

    private MemberDataArchive.StoredEvent storedEvent(ResultSet row, UserId member, String identity)
            throws SQLException {
        String aggregateType = row.getString("type");
        String aggregateId = row.getString("aggregateidentifier");
        // by today's name: the archive's sections pick events by their class, whatever name they
        // were stored under
        String payloadType = RenamedEventUpcaster.currentName(row.getString("payloadtype"));
        String revision = row.getString("payloadrevision");
        JsonNode metadata = tree(row.getBytes("metadata"));
        // self-registration is caused by an identity that has no user id yet
        boolean causedByMember =
                member.toString().equals(metadata.path(Attribution.ACTOR_ID).asText(null))
                        || identity != null
                                && !metadata.has(Attribution.ACTOR_ID)
                                && identity.equals(
                                        metadata.path(Attribution.ACTOR_SUBJECT).asText(null));
        // another person's user stream holds their personal data: the member only learns that they
        // acted on it
        boolean othersPersonalData =
                "User".equals(aggregateType) && !member.toString().equals(aggregateId);
        JsonNode payload =
                othersPersonalData
                        ? null
                        : events.readableTree(
                                new SimpleSerializedObject<>(
                                        row.getBytes("payload"),
                                        byte[].class,
                                        payloadType,
                                        revision));
        return new MemberDataArchive.StoredEvent(
                row.getLong("globalindex"),
                aggregateType,
                aggregateId,
                row.getLong("sequencenumber"),
                payloadType,
                revision,
                Instant.parse(row.getString("timestamp")),
                payload,
                causedByMember ? metadata : null);
    }

    @SafeVarargs
    private static Optional<JsonNode> latest(
            List<MemberDataArchive.StoredEvent> stored, Class<?>... types) {
        Set<String> names = Arrays.stream(types).map(Class::getName).collect(Collectors.toSet());
        return stored.stream()
                .filter(
                        event ->
                                "User".equals(event.aggregateType())
                                        && names.contains(event.type()))
                .reduce((first, second) -> second)
                .map(MemberDataArchive.StoredEvent::payload);
    }

    private static List<MemberDataArchive.Happening> happenings(
            List<MemberDataArchive.StoredEvent> stored,
            UserId member,
            Set<String> types,
            String memberProperty) {
        List<MemberDataArchive.Happening> happenings = new ArrayList<>();
        for (MemberDataArchive.StoredEvent event : stored) {
            if (types.contains(event.type())
                    && event.payload() != null
                    && member.toString()
                            .equals(event.payload().path(memberProperty).asText(null))) {
                happenings.add(
                        new MemberDataArchive.Happening(
                                event.type().substring(event.type().lastIndexOf('$') + 1),
                                event.timestamp(),
                                event.payload()));
            }
        }
        return happenings;
    }

    private List<MemberDataArchive.Notification> notifications(UserId member) {
        return jdbc.query(
                """
                SELECT topic, subject, body, status, created_at, sent_at FROM notification.outbox
                WHERE user_id = ? ORDER BY created_at, cause""",
                (row, n) ->
                        new MemberDataArchive.Notification(
                                row.getString("topic"),
                                row.getString("subject"),
                                row.getString("body"),
                                row.getString("status"),
                                instant(row.getTimestamp("created_at")),
                                instant(row.getTimestamp("sent_at"))),
                member.value());
    }

    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Role> roles(ResultSet row) throws SQLException {
        return Arrays.stream((String[]) row.getArray("roles").getArray())
                .map(Role::valueOf)
                .sorted()
                .toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
