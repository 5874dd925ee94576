package dev.aic.commandside.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.contracts.user.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the platform holds about one member, as an export job ({@code POST /api/me/exports})
 * builds it: the account, the profile and e-mail choices as they stand, RSVPs and uploads as they
 * happened, the e-mails written to them, and every stored event about them or caused by them,
 * decrypted.
 */
@Schema(description = "Everything the platform holds about you (format aic-member-data/1)")
record MemberDataArchive(
        String format,
        Instant exportedAt,
        UUID userId,
        Account account,
        JsonNode profile,
        JsonNode emailPreferences,
        List<Happening> rsvps,
        List<Happening> documents,
        List<Notification> notifications,
        @Schema(
                        description =
                                "stored events about you or caused by you, oldest first, as stored (type and revision)")
                List<StoredEvent> events) {

    static final String FORMAT = "aic-member-data/1";

    record Account(
            String email,
            List<Role> roles,
            boolean active,
            String identityIssuer,
            String identitySubject) {}

    /** An event about the member's RSVPs or uploads: its type, when, and its payload. */
    record Happening(String type, Instant at, JsonNode details) {}

    record Notification(
            String topic,
            String subject,
            String body,
            String status,
            Instant createdAt,
            Instant sentAt) {}

    @Schema(
            description =
                    "metadata only on events you caused; payloads of other people's user events are never shown")
    record StoredEvent(
            long position,
            String aggregateType,
            String aggregateId,
            long sequenceNumber,
            String type,
            String revision,
            Instant timestamp,
            JsonNode payload,
            JsonNode metadata) {}
}
