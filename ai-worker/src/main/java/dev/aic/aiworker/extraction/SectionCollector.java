package dev.aic.aiworker.extraction;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gathers text into sections as a parser reports it: a new location closes the current section.
 * Counts every character against the limit, so that a runaway document stops early instead of
 * filling memory.
 */
final class SectionCollector {

    // NUL and the other control characters are not text, and PostgreSQL refuses NUL in a text
    // column
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0E-\\x1F\\x7F]+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
    private static final Pattern SPACES_AROUND_NEWLINE = Pattern.compile(" ?\\n ?");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{2,}");

    private final int maxCharacters;
    private final List<Section> sections = new ArrayList<>();
    private SectionLocation location;
    private StringBuilder text = new StringBuilder();
    private long characters;
    private boolean limitReached;

    SectionCollector(SectionLocation first, int maxCharacters) {
        this.location = first;
        this.maxCharacters = maxCharacters;
    }

    void start(SectionLocation next) {
        close();
        location =
                next instanceof SectionLocation.Headings headings
                        ? new SectionLocation.Headings(
                                headings.path().stream()
                                        .map(title -> CONTROLS.matcher(title).replaceAll(""))
                                        .toList())
                        : next;
    }

    void append(CharSequence chars) {
        characters += chars.length();
        if (characters > maxCharacters) {
            limitReached = true;
            throw new TextLimitReached(maxCharacters);
        }
        text.append(chars);
    }

    void append(char[] chars, int start, int length) {
        append(CharBuffer.wrap(chars, start, length));
    }

    /** Ends a line, unless the text already ends one: blocks such as paragraphs and list items. */
    void endLine() {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            append("\n");
        }
    }

    /**
     * Whether {@link #append} gave up: then whatever the parser made of that is the limit, not
     * corruption.
     */
    boolean limitReached() {
        return limitReached;
    }

    /**
     * The sections with text, in order; blank ones (an empty page, a heading without text) are left
     * out.
     */
    List<Section> sections() {
        close();
        return List.copyOf(sections);
    }

    private void close() {
        String normalised = normalise(text);
        text = new StringBuilder();
        if (!normalised.isEmpty()) {
            sections.add(new Section(sections.size(), location, normalised));
        }
    }

    private static String normalise(CharSequence raw) {
        String spaced = SPACES.matcher(CONTROLS.matcher(raw).replaceAll("")).replaceAll(" ");
        String lines = SPACES_AROUND_NEWLINE.matcher(spaced).replaceAll("\n");
        return BLANK_LINES.matcher(lines).replaceAll("\n").strip();
    }

    /**
     * Thrown through the parser to stop it; unchecked, because parsers report text through SAX
     * callbacks.
     */
    static final class TextLimitReached extends RuntimeException {
        TextLimitReached(int maxCharacters) {
            super("more than " + maxCharacters + " characters of text", null, false, false);
        }
    }
}
