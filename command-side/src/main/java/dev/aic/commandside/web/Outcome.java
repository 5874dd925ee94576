package dev.aic.commandside.web;

import dev.aic.web.http.ApiHeaders;
import dev.aic.web.http.Versions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a handled command left behind: the aggregate's version (its last sequence number, the {@code
 * ETag}) and the global position of its last event (the consistency token a query can wait for).
 */
public record Outcome(long version, long position) {

    public String consistencyToken() {
        return Long.toString(position);
    }

    public ResponseEntity.BodyBuilder respond(HttpStatus status) {
        return ResponseEntity.status(status)
                .eTag(Versions.etag(version))
                .header(ApiHeaders.CONSISTENCY_TOKEN, consistencyToken());
    }
}
