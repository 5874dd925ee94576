package dev.aic.commandside.document;

/** An upload that is refused for what it contains, before anything is stored. */
public class UploadRefusedException extends RuntimeException {

    public enum Reason { EMPTY, TOO_LARGE, UNSUPPORTED_CONTENT_TYPE }

    private final Reason reason;
    private final String detectedType;

    private UploadRefusedException(Reason reason, String detectedType, String message) {
        super(message);
        this.reason = reason;
        this.detectedType = detectedType;
    }

    static UploadRefusedException empty() {
        return new UploadRefusedException(Reason.EMPTY, null, "The file is empty");
    }

    static UploadRefusedException tooLarge(long maxBytes) {
        return new UploadRefusedException(Reason.TOO_LARGE, null, "The file exceeds " + maxBytes + " bytes");
    }

    static UploadRefusedException unsupported(String detectedType) {
        return new UploadRefusedException(Reason.UNSUPPORTED_CONTENT_TYPE, detectedType,
                "Its content is " + detectedType + "; accepted are PDF, DOCX, PPTX, HTML, Markdown, plain text, "
                        + "PNG, JPEG and WebP");
    }

    public Reason reason() {
        return reason;
    }

    /** The type found in the bytes, for an unsupported one. */
    public String detectedType() {
        return detectedType;
    }
}
