package dev.aic.aiworker.chunking;

import dev.aic.aiworker.embedding.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a section's text into the units chunks are made of: sentences, and for a sentence too long
 * for the model on its own, runs of whole words; a single word longer than that (a long URL, a
 * hash) is cut between characters. Every unit fits the token budget and starts and ends on text,
 * not on white space.
 */
final class SentenceSpans {

    private final TokenCounter counter;
    private final int budget;

    /**
     * @param budget the most tokens of one unit, special tokens not counted
     */
    SentenceSpans(TokenCounter counter, int budget) {
        this.counter = counter;
        this.budget = budget;
    }

    List<Span> of(String text) {
        List<Span> units = new ArrayList<>();
        for (int[] sentence : boundaries(text, BreakIterator.getSentenceInstance(Locale.ROOT))) {
            Span span = span(text, sentence[0], sentence[1]);
            if (span.tokens() <= budget) {
                units.add(span);
            } else {
                splitAtWords(text, sentence[0], sentence[1], units);
            }
        }
        return units;
    }

    private void splitAtWords(String text, int start, int end, List<Span> units) {
        List<int[]> words =
                boundaries(text.substring(start, end), BreakIterator.getWordInstance(Locale.ROOT));
        int first = 0;
        while (first < words.size()) {
            int from = start + words.get(first)[0];
            int[] ends =
                    words.subList(first, words.size()).stream()
                            .mapToInt(word -> start + word[1])
                            .toArray();
            int fitting = longestFitting(text, from, ends);
            if (fitting < 0) {
                splitAtCharacters(text, from, ends[0], units);
                first++;
            } else {
                units.add(span(text, from, ends[fitting]));
                first += fitting + 1;
            }
        }
    }

    private void splitAtCharacters(String text, int start, int end, List<Span> units) {
        int from = start;
        while (from < end) {
            int[] ends = text.substring(from, end).codePoints().map(Character::charCount).toArray();
            for (int i = 0, position = from; i < ends.length; i++) {
                position += ends[i];
                ends[i] = position;
            }
            int fitting = Math.max(0, longestFitting(text, from, ends));
            units.add(span(text, from, ends[fitting]));
            from = ends[fitting];
        }
    }

    /**
     * The index of the farthest end whose span from {@code from} fits the budget, by binary search
     * (a longer stretch of text never has fewer tokens); -1 if not even the first fits.
     */
    private int longestFitting(String text, int from, int[] ends) {
        int low = 0;
        int high = ends.length - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (span(text, from, ends[middle]).tokens() <= budget) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private Span span(String text, int start, int end) {
        return new Span(
                start, end, counter.count(text.substring(start, end)) - counter.specialTokens());
    }

    /**
     * The pieces a break iterator finds, trimmed of white space; pieces of only white space are
     * left out.
     */
    private static List<int[]> boundaries(String text, BreakIterator iterator) {
        iterator.setText(text);
        List<int[]> pieces = new ArrayList<>();
        for (int start = iterator.first(), end = iterator.next();
                end != BreakIterator.DONE;
                start = end, end = iterator.next()) {
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            if (from < to) {
                pieces.add(new int[] {from, to});
            }
        }
        return pieces;
    }
}
