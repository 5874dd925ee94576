package dev.aic.web.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An aggregate's version as an entity tag, {@code "7"}, and back from {@code If-Match}. A wildcard
 * or absent {@code If-Match} means "whatever the current version is".
 */
public final class Versions {

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private Versions() {}

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The expected version, or null for no expectation. Malformed tags are a 400, never ignored.
     */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "If-Match must be an entity tag from an ETag header, like \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
