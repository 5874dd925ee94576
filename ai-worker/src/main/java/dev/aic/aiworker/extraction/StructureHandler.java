package dev.aic.aiworker.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tika's XHTML events into sections. Tika marks a PDF page as {@code <div class="page">} and
 * a presentation slide as {@code <div class="slide-content">} (its notes follow in {@code <div
 * class="slide-notes">}); Word and HTML headings arrive as {@code <h1>}–{@code <h6>}.
 *
 * <p>For pages and slides only text inside them counts: what Tika adds around them (a PDF's
 * bookmarks, a presentation's master slides) repeats the content. Word headers and footers repeat
 * on every page and are left out too, as is an HTML page's {@code <head>}.
 */
final class StructureHandler extends DefaultHandler {

    private static final Set<String> BLOCKS =
            Set.of(
                    "p",
                    "div",
                    "li",
                    "br",
                    "tr",
                    "table",
                    "ul",
                    "ol",
                    "pre",
                    "blockquote",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "dt",
                    "dd");
    private static final Set<String> SKIPPED_DIVS =
            Set.of("header", "footer", "slide-master-content");

    private final DocumentFormat.Structure structure;
    private final SectionCollector collector;
    private final String[] headings = new String[6];
    private int depth;
    private int unitDepth = -1;
    private int skippedDepth = -1;
    private int units;

    /** Longer heading text is not part of the title: a heading is a line, not a document. */
    private static final int MAX_HEADING = 1_000;

    private final int maxUnits;
    private StringBuilder heading;
    private int headingLevel;

    StructureHandler(DocumentFormat.Structure structure, SectionCollector collector, int maxUnits) {
        this.structure = structure;
        this.collector = collector;
        this.maxUnits = maxUnits;
    }

    /** More pages or slides than the limit: parsing stops. */
    static final class PageLimitReached extends SAXException {

        PageLimitReached(int maxUnits) {
            super("more than " + maxUnits + " pages or slides");
        }
    }

    /** Pages or slides seen, with text or without. */
    int units() {
        return units;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws PageLimitReached {
        depth++;
        String name = localName.isEmpty() ? qName : localName;
        String cssClass = Objects.requireNonNullElse(attributes.getValue("class"), "");
        if (skippedDepth >= 0) {
            return;
        }
        if ("head".equals(name) || "div".equals(name) && SKIPPED_DIVS.contains(cssClass)) {
            skippedDepth = depth;
            return;
        }
        if ("div".equals(name) && isUnit(cssClass)) {
            if (++units > maxUnits) {
                throw new PageLimitReached(maxUnits);
            }
            unitDepth = depth;
            collector.start(
                    structure == DocumentFormat.Structure.PAGES
                            ? new SectionLocation.Page(units)
                            : new SectionLocation.Slide(units));
            return;
        }
        if ("div".equals(name)
                && structure == DocumentFormat.Structure.SLIDES
                && "slide-notes".equals(cssClass)
                && units > 0) {
            // the notes of the slide just read: same section
            unitDepth = depth;
            collector.endLine();
            return;
        }
        if (structure == DocumentFormat.Structure.HEADINGS && isHeading(name)) {
            heading = new StringBuilder();
            headingLevel = name.charAt(1) - '0';
            return;
        }
        if (BLOCKS.contains(name) && collecting()) {
            collector.endLine();
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = localName.isEmpty() ? qName : localName;
        if (skippedDepth == depth) {
            skippedDepth = -1;
        } else if (unitDepth == depth) {
            unitDepth = -1;
        } else if (heading != null && isHeading(name)) {
            startHeadingSection(heading.toString().replaceAll("\\s+", " ").strip());
            heading = null;
        } else if (BLOCKS.contains(name) && collecting()) {
            collector.endLine();
        }
        depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (heading != null) {
            heading.append(
                    ch, start, Math.min(length, Math.max(0, MAX_HEADING - heading.length())));
        } else if (collecting()) {
            collector.append(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        characters(ch, start, length);
    }

    private void startHeadingSection(String title) {
        if (title.isEmpty()) {
            return;
        }
        headings[headingLevel - 1] = title;
        Arrays.fill(headings, headingLevel, headings.length, null);
        List<String> path = new ArrayList<>();
        for (int level = 0; level < headingLevel; level++) {
            if (headings[level] != null) {
                path.add(headings[level]);
            }
        }
        collector.start(new SectionLocation.Headings(path));
        collector.append(title);
        collector.endLine();
    }

    private boolean collecting() {
        if (skippedDepth >= 0) {
            return false;
        }
        return structure == DocumentFormat.Structure.HEADINGS || unitDepth >= 0;
    }

    private boolean isUnit(String cssClass) {
        return switch (structure) {
            case PAGES -> "page".equals(cssClass);
            case SLIDES -> "slide-content".equals(cssClass);
            case HEADINGS -> false;
        };
    }

    private static boolean isHeading(String name) {
        return name.length() == 2
                && name.charAt(0) == 'h'
                && name.charAt(1) >= '1'
                && name.charAt(1) <= '6';
    }
}
