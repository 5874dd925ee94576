package dev.aic.queryside.communityevent;

import dev.aic.queryside.search.ScoreThenId;
import dev.aic.queryside.web.Cursors;
import dev.aic.web.security.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Pages through community events for {@code GET /api/events}: from PostgreSQL by keyset in (start,
 * id) order, or, with {@code q}, from OpenSearch by relevance with {@code search_after}, the hits
 * then read from PostgreSQL. Either way a page asks for one item more than it returns, to know
 * whether another page follows.
 */
@Component
class CommunityEventListing {

    private final CommunityEvents events;
    private final CommunityEventSearchIndex search;
    private final Cursors cursors;
    private final Clock clock = Clock.systemUTC();

    CommunityEventListing(
            CommunityEvents events, CommunityEventSearchIndex search, Cursors cursors) {
        this.events = events;
        this.search = search;
        this.cursors = cursors;
    }

    /**
     * A listing request, already validated for ranges and types; {@code filter.from()} may be null.
     */
    record Request(String q, CommunityEvents.Filter filter, int limit, String cursor) {

        boolean searching() {
            return q != null && !q.isBlank();
        }
    }

    CommunityEventPage list(Caller caller, Request request) {
        // the default "from" is not part of the fingerprint: it moves with the clock between pages
        CommunityEvents.Filter asked = request.filter();
        CommunityEvents.Filter filter =
                asked.from() != null
                        ? asked
                        : new CommunityEvents.Filter(
                                asked.tag(),
                                clock.instant(),
                                asked.to(),
                                asked.online(),
                                asked.hasSeats());
        boolean allDrafts = CommunityEventAccess.seesEveryDraft(caller);
        UUID organizer = caller.deactivated() ? null : caller.userId().orElse(null);
        int limit = request.limit();
        if (!request.searching()) {
            String query = "events;" + asked;
            List<String> after =
                    cursors.resumeAfter(request.cursor(), query, Cursors::instantThenId);
            List<CommunityEventView> found =
                    events.page(filter, allDrafts, organizer, after, limit + 1);
            return new CommunityEventPage(
                    found.stream().limit(limit).toList(),
                    found.size() > limit
                            ? cursors.encode(query, CommunityEvents.keysOf(found.get(limit - 1)))
                            : null);
        }
        String text = request.q().strip();
        String query = "search;q=" + text + ";" + asked;
        List<String> after = cursors.resumeAfter(request.cursor(), query, ScoreThenId::wellFormed);
        List<CommunityEventSearchIndex.SearchHit> hits =
                search.search(text, filter, allDrafts, organizer, after, limit + 1);
        List<CommunityEventSearchIndex.SearchHit> shown = hits.stream().limit(limit).toList();
        Map<UUID, CommunityEventView> rows =
                events
                        .findAll(
                                shown.stream()
                                        .map(CommunityEventSearchIndex.SearchHit::id)
                                        .toList())
                        .stream()
                        .collect(
                                Collectors.toMap(
                                        CommunityEventView::id,
                                        Function.identity(),
                                        (first, second) -> first,
                                        LinkedHashMap::new));
        // the index may run ahead of the table by a moment: a hit not in the table yet is left out
        // of this page
        List<CommunityEventView> items =
                shown.stream().map(hit -> rows.get(hit.id())).filter(Objects::nonNull).toList();
        return new CommunityEventPage(
                items,
                hits.size() > limit
                        ? cursors.encode(query, hits.get(limit - 1).sortValues())
                        : null);
    }
}
