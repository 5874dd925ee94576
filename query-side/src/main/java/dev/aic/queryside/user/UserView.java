package dev.aic.queryside.user;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user as a caller may see them. The full view (the user themself, administrators and auditors)
 * has every field; the public view (other members) has only {@code id}, {@code displayName}, {@code
 * bio}, {@code interests} and {@code avatarRef}, and the other fields are absent.
 */
@Schema(
        description =
                "A user. Fields marked 'full view' are present only for the user themself, administrators"
                        + " and auditors.")
record UserView(
        @Schema(example = "1b0c9a7e-5f1d-4c5e-9a43-2f8e51d0c6a1") UUID id,
        @Schema(description = "Full view only", example = "ada@example.org") String email,
        @Schema(example = "Ada Lovelace") String displayName,
        @Schema(example = "Writes programs for engines that do not exist yet") String bio,
        @Schema(example = "[\"mathematics\", \"poetry\"]") List<String> interests,
        @Schema(
                        description = "Reference of the avatar in the media store",
                        example = "media/avatars/ada.png")
                String avatarRef,
        @Schema(description = "Full view only: roles granted in the platform") List<Role> roles,
        @Schema(description = "Full view only: false once deactivated") Boolean active,
        @Schema(description = "Full view only") Instant registeredAt,
        @Schema(
                        description =
                                "Full view only: the aggregate version, also sent as the ETag for If-Match",
                        example = "3")
                Long version,
        @Schema(
                        description =
                                "Full view, read by id or /api/me only: the e-mail topics the user unsubscribed from")
                List<EmailTopic> emailUnsubscribed) {

    static UserView full(UserProfile user) {
        return new UserView(
                user.id(),
                user.email(),
                user.displayName(),
                user.bio(),
                user.interests(),
                user.avatarRef(),
                user.roles(),
                user.active(),
                user.registeredAt(),
                user.version(),
                user.emailUnsubscribed());
    }

    static UserView publicPart(UserProfile user) {
        return new UserView(
                user.id(),
                null,
                user.displayName(),
                user.bio(),
                user.interests(),
                user.avatarRef(),
                null,
                null,
                null,
                null,
                null);
    }
}
