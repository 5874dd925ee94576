package dev.aic.queryside.analytics;

import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "knowledge")
class SearchFeedbackController {

    private final SearchFacts facts;

    SearchFeedbackController(SearchFacts facts) {
        this.facts = facts;
    }

    @PostMapping("/api/search/feedback")
    @PreAuthorize("hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "reportSearchFeedback",
            summary = "Report which result of a search or question the" + " member opened",
            description =
                    "searchId is the Search-Id header of GET /api/search or POST /api/ask;"
                            + " rank counts from 1. Accepted for analytics (docs/analytics.md), recorded shortly after.")
    void feedback(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody SearchFeedback feedback) {
        facts.clicked(caller, feedback);
    }
}
