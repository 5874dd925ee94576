package dev.aic.commandside.user;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Request bodies of the user endpoints. Anything not declared here (roles on a profile, an owner, a
 * version, a status) is refused with 400 {@code field-not-allowed}.
 */
final class UserRequests {

    private UserRequests() {}

    /**
     * {@code POST /api/users}: an administrator registers someone, who is linked on first sign-in.
     */
    record RegisterUser(
            @Schema(example = "ada@example.org") @NotBlank @Email @Size(max = 320) String email,
            @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 100) String displayName) {}

    /** {@code POST /api/me}: register yourself; the e-mail address comes from your token. */
    record RegisterSelf(
            @Schema(description = "defaults to the name in your token", example = "Ada Lovelace")
                    @Size(max = 100)
                    String displayName) {}

    record UpdateProfile(
            @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 100) String displayName,
            @Schema(example = "Wrote the first program") @Size(max = 2000) String bio,
            @Schema(example = "[\"analytical engines\", \"poetry\"]") @Size(max = 20)
                    List<@NotBlank @Size(max = 50) String> interests,
            @Schema(
                            description =
                                    "an https URL or an uploaded document, urn:aic:document:<uuid>",
                            example = "urn:aic:document:2f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e")
                    @Size(max = 500)
                    @Pattern(
                            regexp = "https://\\S+|urn:aic:document:[0-9a-fA-F-]{36}",
                            message = "must be an https URL or urn:aic:document:<uuid>")
                    String avatarRef) {

        List<String> interestsOrNone() {
            return interests == null ? List.of() : interests;
        }
    }

    record ChangeRoles(@NotNull @Size(max = 4) List<@NotNull Role> roles) {}

    record Deactivate(@Schema(example = "left the community") @Size(max = 500) String reason) {}

    /**
     * {@code POST /api/admin/users/{id}/erasure}: why, for the audit trail; about the request, not
     * the person.
     */
    record EraseMember(
            @Schema(example = "GDPR art. 17 request 2026-114") @NotBlank @Size(max = 500)
                    String reason) {}

    record ChangeEmailPreferences(
            @Schema(
                            description =
                                    "the topics to get no e-mail about; an empty list subscribes to all")
                    @NotNull
                    @Size(max = 3)
                    List<@NotNull EmailTopic> unsubscribed) {}
}
