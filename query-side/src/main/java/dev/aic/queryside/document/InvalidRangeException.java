package dev.aic.queryside.document;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A {@code Range} the content cannot answer: 416 with {@code Content-Range: bytes *}{@code /size}
 * (RFC 9110 §15.5.17).
 */
class InvalidRangeException extends RuntimeException implements DescribedProblem {

    private final long size;

    InvalidRangeException(String message, long size) {
        super(message);
        this.size = size;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
    }

    @Override
    public String type() {
        return "range-not-satisfiable";
    }

    @Override
    public String title() {
        return "Range not satisfiable";
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
        return headers;
    }
}
