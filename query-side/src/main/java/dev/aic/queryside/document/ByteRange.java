package dev.aic.queryside.document;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range a download serves (RFC 9110 §14), from {@code first} to {@code last}
 * inclusive. A {@code Range} header in another unit, or with more than one range, is ignored and
 * the whole content is served, as §14.2 allows: PDF viewers ask for one range at a time, and
 * serving several would be a multipart answer no client here needs. A malformed single range, or
 * one that starts past the end, is refused with 416.
 */
record ByteRange(long first, long last) {

    /** Up to 18 digits: any offset of a real file, and no overflow when one is added. */
    private static final Pattern SPEC = Pattern.compile("(\\d{1,18})?-(\\d{1,18})?");

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range of {@code header} within content of {@code size} bytes; empty when the whole
     * content is to be served (no header, another unit, several ranges).
     *
     * @throws InvalidRangeException when the range is malformed or unsatisfiable
     */
    static Optional<ByteRange> of(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0) {
            throw new InvalidRangeException("The Range header must be bytes=first-last", size);
        }
        if (!value.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return Optional.empty();
        }
        String set = value.substring(equals + 1);
        if (set.contains(",")) {
            return Optional.empty();
        }
        Matcher spec = SPEC.matcher(set.strip());
        if (!spec.matches() || (spec.group(1) == null && spec.group(2) == null)) {
            throw new InvalidRangeException(
                    "The Range header must be bytes=first-last, bytes=first- or bytes=-suffix",
                    size);
        }
        if (spec.group(1) == null) {
            long suffix = Long.parseLong(spec.group(2));
            if (suffix == 0 || size == 0) {
                throw new InvalidRangeException(
                        "The range asks for no byte of the " + size + " there are", size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(spec.group(1));
        Long last = spec.group(2) == null ? null : Long.parseLong(spec.group(2));
        if (last != null && last < first) {
            throw new InvalidRangeException("The range ends before it starts", size);
        }
        if (first >= size) {
            throw new InvalidRangeException(
                    "The range starts at byte " + first + "; the content has " + size + " bytes",
                    size);
        }
        return Optional.of(
                new ByteRange(first, last == null ? size - 1 : Math.min(last, size - 1)));
    }
}
