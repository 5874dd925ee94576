package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "me")
class MemberDataExportController {

    private final MemberDataExport export;

    MemberDataExportController(MemberDataExport export) {
        this.export = export;
    }

    @GetMapping("/api/me/export")
    @PreAuthorize("isAuthenticated()")
    @Operation(operationId = "exportMyData",
            summary = "Everything the platform holds about you, as one JSON document (right of access and portability)")
    @ProblemResponses({404})
    ResponseEntity<MemberDataArchive> export(@AuthenticationPrincipal Caller caller) {
        var member = caller.userId().orElseThrow(NotRegisteredException::new);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("aic-member-data-" + member + ".json").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export.of(new UserId(member)));
    }
}
