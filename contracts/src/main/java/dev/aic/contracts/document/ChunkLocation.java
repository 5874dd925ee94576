package dev.aic.contracts.document;

import java.util.List;

/**
 * Where a chunk sits in its document, what a citation names: a PDF page, a presentation slide, or
 * the headings above it (outermost first) in a text document. Exactly one of the three is set.
 */
public record ChunkLocation(Integer page, Integer slide, List<String> headings) {

    public static ChunkLocation page(int number) {
        return new ChunkLocation(number, null, null);
    }

    public static ChunkLocation slide(int number) {
        return new ChunkLocation(null, number, null);
    }

    public static ChunkLocation headings(List<String> path) {
        return new ChunkLocation(null, null, List.copyOf(path));
    }

    /** For people: "page 3", "slide 2", "Introduction > Background". */
    public String describe() {
        if (page != null) {
            return "page " + page;
        }
        if (slide != null) {
            return "slide " + slide;
        }
        return headings == null || headings.isEmpty() ? "start" : String.join(" > ", headings);
    }
}
