package dev.aic.queryside.document;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * How uploaded bytes reach a browser without running in the platform's origin. Only types a browser
 * shows and does not execute open inline (PDF, plain text, raster images); everything else, HTML,
 * SVG and XML above all, is an attachment. Every answer also carries {@code nosniff} and a
 * Content-Security-Policy: a {@code sandbox} (a unique origin, no scripts, no forms) for all but
 * PDFs, which Chromium shows through its viewer plugin, and a sandboxed document may load no
 * plugin; a PDF may only embed itself.
 */
final class SafeDownload {

    private static final Set<String> INLINE =
            Set.of(
                    "application/pdf",
                    "text/plain",
                    "image/png",
                    "image/jpeg",
                    "image/gif",
                    "image/webp");
    private static final String SANDBOXED =
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
    private static final String PDF = "default-src 'none'; object-src 'self'";
    private static final int MAX_NAME = 150;

    /** RFC 8187 attr-char: what {@code filename*} may carry unencoded. */
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private SafeDownload() {}

    /** The stored type, or {@code application/octet-stream} if it cannot be parsed. */
    static MediaType mediaType(String stored) {
        try {
            return stored == null
                    ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.parseMediaType(stored);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    static boolean inline(MediaType type) {
        return INLINE.contains(essence(type));
    }

    static String contentSecurityPolicy(MediaType type) {
        return essence(type).equals("application/pdf") ? PDF : SANDBOXED;
    }

    /**
     * {@code inline} or {@code attachment} with the file's name twice (RFC 6266): {@code filename}
     * reduced to printable ASCII for old clients, {@code filename*} in UTF-8. The name loses any
     * path, control and direction-override characters; without a name left, {@code fallback}.
     */
    static String contentDisposition(MediaType type, String originalFilename, String fallback) {
        String name = fileName(originalFilename, fallback);
        return (inline(type) ? "inline" : "attachment")
                + "; filename=\""
                + ascii(name)
                + "\"; filename*=UTF-8''"
                + percentEncoded(name);
    }

    static String fileName(String original, String fallback) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        // control characters, and format characters such as U+202E that make "evil\u202Efdp.exe"
        // read as "...exe.pdf"
        name = name.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
        name = name.replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            String base = name.substring(0, name.length() - extension.length());
            base = base.substring(0, base.offsetByCodePoints(0, MAX_NAME - extension.length()));
            name = base + extension;
        }
        return name.isEmpty() ? fallback : name;
    }

    private static String ascii(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints()
                .forEach(
                        c ->
                                ascii.append(
                                        c < 0x7f
                                                        && (Character.isLetterOrDigit(c)
                                                                || " .-_()".indexOf(c) >= 0)
                                                ? (char) c
                                                : '_'));
        return ascii.toString();
    }

    private static String percentEncoded(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x7f && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return encoded.toString();
    }

    private static String essence(MediaType type) {
        return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    }
}
