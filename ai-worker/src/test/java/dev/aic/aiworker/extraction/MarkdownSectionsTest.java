package dev.aic.aiworker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSectionsTest {

    @Test
    void aHeadingLineBuiltToMakeThePatternBacktrackIsReadInLinearTime() {
        // "# a", 200,000 spaces, "b": the former pattern took hours on such a line (9 s at 20,000
        // spaces)
        String hostile = "# a" + " ".repeat(200_000) + "b\nText after it.";
        SectionCollector collector =
                new SectionCollector(new SectionLocation.Headings(List.of()), 1_000_000);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> MarkdownSections.read(hostile, collector));

        assertThat(collector.sections())
                .extracting(Section::location)
                .containsExactly(
                        new SectionLocation.Headings(List.of("a" + " ".repeat(200_000) + "b")));
    }

    @Test
    void closingHashesNeedASpaceBeforeThemAndAreNotPartOfTheTitle() {
        SectionCollector collector =
                new SectionCollector(new SectionLocation.Headings(List.of()), 1_000);

        MarkdownSections.read("# One ##  \ntext\n## C#\nmore\n### #\nlast", collector);

        assertThat(collector.sections())
                .extracting(Section::location)
                .containsExactly(
                        new SectionLocation.Headings(List.of("One")),
                        new SectionLocation.Headings(List.of("One", "C#")),
                        new SectionLocation.Headings(List.of("One", "C#", "#")));
    }

    /**
     * PostgreSQL refuses NUL in text: a chunk holding one was parked by the query-side, its
     * document never indexed.
     */
    @Test
    void controlCharactersSuchAsNulNeverReachTheTextOrTheHeadings() {
        SectionCollector collector =
                new SectionCollector(new SectionLocation.Headings(List.of()), 1_000);

        MarkdownSections.read(
                "# Ti\u0000tle\u0007\n\nBody \u0000with\u001F noise\u007F.", collector);

        assertThat(collector.sections())
                .singleElement()
                .satisfies(
                        section -> {
                            assertThat(section.location())
                                    .isEqualTo(new SectionLocation.Headings(List.of("Title")));
                            assertThat(section.text()).isEqualTo("Title\nBody with noise.");
                        });
    }
}
