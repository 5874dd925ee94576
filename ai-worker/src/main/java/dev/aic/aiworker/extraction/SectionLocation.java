package dev.aic.aiworker.extraction;

import java.util.List;

/** Where a section sits in its document: what a citation names. */
public sealed interface SectionLocation {

    /** For people: "page 3", "slide 2", "Introduction > Background". */
    String describe();

    /** A page of a PDF, from 1. */
    record Page(int number) implements SectionLocation {
        @Override
        public String describe() {
            return "page " + number;
        }
    }

    /** A slide of a presentation, from 1; its notes belong to it. */
    record Slide(int number) implements SectionLocation {
        @Override
        public String describe() {
            return "slide " + number;
        }
    }

    /**
     * The headings above a section, outermost first; empty for text before the first heading and
     * for documents without headings.
     */
    record Headings(List<String> path) implements SectionLocation {

        public Headings {
            path = List.copyOf(path);
        }

        @Override
        public String describe() {
            return path.isEmpty() ? "start" : String.join(" > ", path);
        }
    }
}
