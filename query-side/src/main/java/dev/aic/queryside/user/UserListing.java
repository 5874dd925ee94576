package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.search.ScoreThenId;
import dev.aic.queryside.web.Cursors;
import dev.aic.web.security.Caller;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Pages through users for {@code GET /api/users}: from PostgreSQL by keyset in a chosen order, or,
 * with {@code q}, from OpenSearch by relevance with {@code search_after}. Either way a page asks
 * for one item more than it returns, to know whether another page follows.
 */
@Component
class UserListing {

    private final UserProfiles profiles;
    private final UserSearchIndex search;
    private final Cursors cursors;

    UserListing(UserProfiles profiles, UserSearchIndex search, Cursors cursors) {
        this.profiles = profiles;
        this.search = search;
        this.cursors = cursors;
    }

    UserPage list(Caller caller, Request request) {
        // who holds a privileged role is part of the full view: a member could otherwise list the
        // administrators
        if (request.role() != null && !Visibility.seesEveryone(caller)) {
            throw new AccessDeniedException("Only administrators and auditors list users by role");
        }
        // members see active users only: their filter is intersected with that
        Boolean active = Visibility.seesEveryone(caller) ? request.active() : Boolean.TRUE;
        if (!Visibility.seesEveryone(caller) && Boolean.FALSE.equals(request.active())) {
            return new UserPage(List.of(), null);
        }
        return request.searching()
                ? search(caller, request, active)
                : walk(caller, request, active);
    }

    private UserPage walk(Caller caller, Request request, Boolean active) {
        String query =
                "list;sort="
                        + request.sort().wire()
                        + ";role="
                        + request.role()
                        + ";active="
                        + active;
        List<String> after =
                cursors.resumeAfter(
                        request.cursor(),
                        query,
                        keys -> UserProfiles.wellFormed(request.sort(), keys));
        List<UserProfile> found =
                profiles.page(request.sort(), request.role(), active, after, request.limit() + 1);
        return page(
                caller,
                request.limit(),
                found,
                found.size() > request.limit()
                        ? cursors.encode(
                                query,
                                UserProfiles.keysOf(request.sort(), found.get(request.limit() - 1)))
                        : null);
    }

    private UserPage search(Caller caller, Request request, Boolean active) {
        String text = request.q().strip();
        String query = "search;q=" + text + ";role=" + request.role() + ";active=" + active;
        List<String> after = cursors.resumeAfter(request.cursor(), query, ScoreThenId::wellFormed);
        // only those who see e-mail addresses may find a user by one: a member cannot learn who
        // owns an address
        List<UserSearchIndex.SearchHit> hits =
                search.search(
                        text,
                        Visibility.seesEveryone(caller),
                        request.role(),
                        active,
                        after,
                        request.limit() + 1);
        List<UserProfile> found = hits.stream().map(UserSearchIndex.SearchHit::user).toList();
        return page(
                caller,
                request.limit(),
                found,
                hits.size() > request.limit()
                        ? cursors.encode(query, hits.get(request.limit() - 1).sortValues())
                        : null);
    }

    private static UserPage page(
            Caller caller, int limit, List<UserProfile> found, String nextCursor) {
        List<UserView> items =
                found.stream().limit(limit).map(user -> Visibility.view(caller, user)).toList();
        return new UserPage(items, nextCursor);
    }

    /** A listing request, already validated for ranges and types. */
    record Request(String q, UserSort sort, Role role, Boolean active, int limit, String cursor) {

        boolean searching() {
            return q != null && !q.isBlank();
        }
    }
}
