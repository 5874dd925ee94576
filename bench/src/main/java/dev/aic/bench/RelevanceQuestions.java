package dev.aic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The questions of the search-quality benchmark ({@code bench/search-quality/questions.tsv}): an
 * id, the half it belongs to, the question in a reader's words and the manual pages that answer it.
 * Lines starting with {@code #} are comments; the first other line is the header.
 */
final class RelevanceQuestions {

    /**
     * Tuning questions may guide changes to retrieval; checking questions only confirm them (issue
     * 17).
     */
    enum Half {
        TUNING,
        CHECKING;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Question(String id, Half half, String text, Set<String> answers) {}

    private RelevanceQuestions() {}

    /**
     * Reads the file; fails with the line at fault when a line is malformed, an id repeats, or an
     * answer is not a page of {@code corpus}.
     */
    static List<Question> read(Path file, Set<String> corpus) throws IOException {
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean header = true;
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 4) {
                throw new IllegalArgumentException(
                        file
                                + ":"
                                + number
                                + ": expected 4 tab-separated columns, found "
                                + columns.length);
            }
            Half half;
            try {
                half = Half.valueOf(columns[1].strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        file + ":" + number + ": half must be tuning or checking");
            }
            Set<String> answers =
                    new HashSet<>(
                            Arrays.stream(columns[3].split(","))
                                    .map(String::strip)
                                    .filter(answer -> !answer.isEmpty())
                                    .toList());
            for (String answer : answers) {
                if (!corpus.contains(answer)) {
                    throw new IllegalArgumentException(
                            file + ":" + number + ": " + answer + " is not a page of the corpus");
                }
            }
            if (answers.isEmpty() || columns[2].isBlank() || !ids.add(columns[0].strip())) {
                throw new IllegalArgumentException(
                        file + ":" + number + ": needs a new id, a question and an answer");
            }
            questions.add(
                    new Question(
                            columns[0].strip(), half, columns[2].strip(), Set.copyOf(answers)));
        }
        return List.copyOf(questions);
    }
}
