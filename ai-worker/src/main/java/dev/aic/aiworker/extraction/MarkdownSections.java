package dev.aic.aiworker.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Markdown at its ATX headings ({@code #} to {@code ######}), the way the knowledge hub's
 * uploads write them. A {@code #} line inside a fenced code block is code, not a heading. The rest
 * of the Markdown stays as it is: its markup is short and reads as text.
 */
final class MarkdownSections {

    // nothing after the greedy title but the end: a match is linear in the line; the closing #s are
    // cut in code,
    // since a lazy title followed by optional closing #s and spaces backtracks worse than
    // quadratically
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*)$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    private MarkdownSections() {}

    static void read(String markdown, SectionCollector collector) {
        String[] headings = new String[6];
        String fence = null;
        for (String line : markdown.split("\\R", -1)) {
            Matcher fenceLine = FENCE.matcher(line);
            if (fenceLine.find()) {
                String marker = fenceLine.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0)
                        && marker.length() >= fence.length()) {
                    fence = null;
                }
            }
            Matcher heading = fence == null ? HEADING.matcher(line) : null;
            String title = heading != null && heading.matches() ? title(heading.group(2)) : "";
            if (!title.isEmpty()) {
                int level = heading.group(1).length();
                headings[level - 1] = title;
                Arrays.fill(headings, level, headings.length, null);
                collector.start(new SectionLocation.Headings(path(headings, level)));
                collector.append(title);
            } else {
                collector.append(line);
            }
            collector.append("\n");
        }
    }

    /**
     * The heading's text without its optional closing sequence: #s after a space or tab, then
     * spaces.
     */
    private static String title(String text) {
        String title = text.strip();
        int end = title.length();
        while (end > 0 && title.charAt(end - 1) == '#') {
            end--;
        }
        if (end < title.length()
                && end > 0
                && (title.charAt(end - 1) == ' ' || title.charAt(end - 1) == '\t')) {
            return title.substring(0, end).strip();
        }
        return title;
    }

    private static List<String> path(String[] headings, int level) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < level; i++) {
            if (headings[i] != null) {
                path.add(headings[i]);
            }
        }
        return path;
    }
}
