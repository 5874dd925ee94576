package dev.aic.queryside.knowledge;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.analytics.SearchFacts;
import dev.aic.queryside.consistency.ReadModel;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "knowledge")
class KnowledgeController {

    static final int MAX_QUERY = 500;
    private static final String SEARCH_ID_DESCRIPTION =
            "Identifies this search in analytics: send it with"
                    + " POST /api/search/feedback when the member opens a result";
    private static final String ANY_ROLE = "hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')";

    /** The id of the search's fact in analytics, which feedback on its results refers to. */
    static final String SEARCH_ID = "Search-Id";

    private final KnowledgeSearch search;
    private final Asking asking;
    private final Audience audience;
    private final SearchFacts facts;

    KnowledgeController(
            KnowledgeSearch search, Asking asking, Audience audience, SearchFacts facts) {
        this.search = search;
        this.asking = asking;
        this.audience = audience;
        this.facts = facts;
    }

    @GetMapping("/api/search")
    @PreAuthorize(ANY_ROLE)
    @ReadModel({ProjectionNames.DOCUMENT_CHUNKS_SEARCH, ProjectionNames.DOCUMENTS})
    @Operation(
            operationId = "searchDocuments",
            summary =
                    "Search the documents you may read, by meaning, by words"
                            + " or both; documents best first, each with its best passages",
            description =
                    "semantic compares the query's embedding with the chunks' (503 embedding-unavailable"
                            + " while the ai-worker cannot embed it); fulltext ranks by words and highlights them; hybrid"
                            + " (default) fuses both rankings and falls back to words alone, saying degraded: true.")
    @ProblemResponses({503})
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            headers =
                    @Header(
                            name = SEARCH_ID,
                            description = SEARCH_ID_DESCRIPTION,
                            schema = @Schema(type = "string", format = "uuid")))
    ResponseEntity<SearchResults> search(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "What to look for")
                    @RequestParam
                    @NotBlank
                    @Size(max = MAX_QUERY)
                    String q,
            @Parameter(description = "semantic, fulltext or hybrid")
                    @RequestParam(defaultValue = "hybrid")
                    @Pattern(
                            regexp = SearchMode.PATTERN,
                            message = "must be semantic, fulltext or hybrid")
                    String mode,
            @Parameter(
                            description =
                                    "Only documents carrying every one of these tags, comma-separated")
                    @RequestParam(required = false)
                    @Size(max = 1000)
                    String tags,
            @Parameter(description = "Only documents uploaded by this user")
                    @RequestParam(required = false)
                    UUID author,
            @Parameter(description = "Only documents uploaded at or after this instant (ISO 8601)")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "Only documents uploaded before this instant (ISO 8601)")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(description = "Only documents of this community event")
                    @RequestParam(required = false)
                    UUID communityEventId,
            @Parameter(description = "Documents in the answer")
                    @RequestParam(defaultValue = "10")
                    @Min(1)
                    @Max(50)
                    int limit) {
        List<String> tagList =
                tags == null
                        ? List.of()
                        : Arrays.stream(tags.split(","))
                                .map(String::strip)
                                .filter(tag -> !tag.isEmpty())
                                .toList();
        long started = System.nanoTime();
        SearchFilter filter = new SearchFilter(tagList, author, from, to, communityEventId);
        SearchResults results =
                search.search(q.strip(), SearchMode.of(mode), filter, reader(caller), limit);
        UUID searchId =
                facts.searched(
                        caller,
                        ReportedSearch.of(q.strip(), filter, results, millisSince(started)));
        return ResponseEntity.ok().header(SEARCH_ID, searchId.toString()).body(results);
    }

    @PostMapping("/api/ask")
    @PreAuthorize(ANY_ROLE)
    @ReadModel({ProjectionNames.DOCUMENT_CHUNKS_SEARCH, ProjectionNames.DOCUMENTS})
    @Operation(
            operationId = "ask",
            summary =
                    "Ask the documents you may read a question; the answer cites the"
                            + " passages it comes from",
            description =
                    "Extractive by default: the best passages of a hybrid search, each followed by [n]."
                            + " With a chat model configured, its prose from those passages (generated: true).")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            headers =
                    @Header(
                            name = SEARCH_ID,
                            description = SEARCH_ID_DESCRIPTION,
                            schema = @Schema(type = "string", format = "uuid")))
    ResponseEntity<Answer> ask(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody AskRequest request) {
        long started = System.nanoTime();
        Asking.Asked asked = asking.ask(request, reader(caller));
        UUID searchId =
                facts.searched(caller, ReportedSearch.of(request, asked, millisSince(started)));
        return ResponseEntity.ok().header(SEARCH_ID, searchId.toString()).body(asked.answer());
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private Audience.Reader reader(Caller caller) {
        return audience.of(caller);
    }
}
