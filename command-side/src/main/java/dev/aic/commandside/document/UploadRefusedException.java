package dev.aic.commandside.document;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.Problems;
import dev.aic.web.problem.TypedProblem;
import java.util.Collections;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An upload that is refused for what it contains, before anything is stored. */
public class UploadRefusedException extends RuntimeException implements TypedProblem {

    public enum Reason {
        EMPTY(HttpStatus.BAD_REQUEST, "empty-file", "Empty file"),
        TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "File too large"),
        UNSUPPORTED_CONTENT_TYPE(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-content-type",
                "Unsupported content type");

        private final ProblemType problem;

        Reason(HttpStatus status, String type, String title) {
            this.problem = new ProblemType(status, type, title);
        }
    }

    private final Reason reason;
    private final String detectedType;
    private final long maxBytes;

    private UploadRefusedException(
            Reason reason, String detectedType, long maxBytes, String message) {
        super(message);
        this.reason = reason;
        this.detectedType = detectedType;
        this.maxBytes = maxBytes;
    }

    static UploadRefusedException empty() {
        return new UploadRefusedException(Reason.EMPTY, null, 0, "The file is empty");
    }

    static UploadRefusedException tooLarge(long maxBytes) {
        return new UploadRefusedException(
                Reason.TOO_LARGE, null, maxBytes, "The file exceeds " + maxBytes + " bytes");
    }

    static UploadRefusedException unsupported(String detectedType) {
        return new UploadRefusedException(
                Reason.UNSUPPORTED_CONTENT_TYPE,
                detectedType,
                0,
                "Its content is "
                        + detectedType
                        + "; accepted are PDF, DOCX, PPTX, HTML, Markdown, plain text, "
                        + "PNG, JPEG and WebP");
    }

    public Reason reason() {
        return reason;
    }

    /** The type found in the bytes, for an unsupported one. */
    public String detectedType() {
        return detectedType;
    }

    @Override
    public ProblemType problemType() {
        return reason.problem;
    }

    @Override
    public String detail() {
        return reason == Reason.TOO_LARGE ? Problems.fileTooLarge(maxBytes) : getMessage();
    }

    @Override
    public Map<String, Object> properties() {
        return reason == Reason.UNSUPPORTED_CONTENT_TYPE
                ? Collections.singletonMap("detectedType", detectedType)
                : Map.of();
    }
}
