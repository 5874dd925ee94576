package dev.aic.queryside.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class UserQueryController {

    private final UserProfiles profiles;
    private final UserSearchIndex search;

    UserQueryController(UserProfiles profiles, UserSearchIndex search) {
        this.profiles = profiles;
        this.search = search;
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return profiles.find(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    /** With {@code q}: full-text search by name prefix or exact e-mail. Without: the newest members. */
    @GetMapping
    List<UserView> list(@RequestParam(required = false) @Size(max = 200) String q,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return q == null || q.isBlank() ? profiles.newest(limit) : search.search(q, limit);
    }
}
