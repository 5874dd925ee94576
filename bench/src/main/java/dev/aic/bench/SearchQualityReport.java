package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * The search-quality benchmark's figures, as a table for people (Markdown, so it can go into the
 * docs as it is) and a JSON file for tools, with every question's ranked pages so a change can be
 * traced to the questions it moved.
 */
final class SearchQualityReport {

    static final int HIT_AT = 5;
    static final int RANK_AT = 10;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Means over some questions of one mode. */
    record Scores(
            int questions,
            double hitAt5,
            double mrrAt10,
            double ndcgAt10,
            Latency latency,
            int errors,
            int degraded) {}

    /** Ask over some questions: the share whose first citation comes from an answering page. */
    record AskScores(
            int questions,
            double firstCitationAnswers,
            int withoutCitation,
            Latency latency,
            int errors) {}

    private final SearchQualityOptions options;
    private final Instant startedAt;
    private final String load;
    private final int corpusPages;
    private final ManualUpload.Corpus corpus;
    private final List<SearchQualityBenchmark.Trial> trials;

    SearchQualityReport(
            SearchQualityOptions options,
            Instant startedAt,
            String load,
            int corpusPages,
            ManualUpload.Corpus corpus,
            List<SearchQualityBenchmark.Trial> trials) {
        this.options = options;
        this.startedAt = startedAt;
        this.load = load;
        this.corpusPages = corpusPages;
        this.corpus = corpus;
        this.trials = trials;
    }

    /** The questions of one half, or all of them (null). */
    private static Predicate<SearchQualityBenchmark.Trial> in(RelevanceQuestions.Half half) {
        return trial -> half == null || trial.question().half() == half;
    }

    Scores scores(RelevanceQuestions.Half half, String mode) {
        int index = SearchQualityBenchmark.MODES.indexOf(mode);
        Histogram micros = new Histogram(Latency.PRECISION);
        double hits = 0;
        double reciprocal = 0;
        double ndcg = 0;
        int n = 0;
        int errors = 0;
        int degraded = 0;
        for (SearchQualityBenchmark.Trial trial : trials.stream().filter(in(half)).toList()) {
            SearchQualityBenchmark.Answer answer = trial.answers().get(index);
            n++;
            micros.recordValue(answer.micros());
            if (answer.status() != 200) {
                errors++;
                continue;
            }
            degraded += answer.degraded() ? 1 : 0;
            hits += RelevanceScores.hitAt(HIT_AT, answer.pages(), trial.question().answers());
            reciprocal +=
                    RelevanceScores.reciprocalRankAt(
                            RANK_AT, answer.pages(), trial.question().answers());
            ndcg += RelevanceScores.ndcgAt(RANK_AT, answer.pages(), trial.question().answers());
        }
        return new Scores(
                n,
                mean(hits, n),
                mean(reciprocal, n),
                mean(ndcg, n),
                Latency.of(micros),
                errors,
                degraded);
    }

    AskScores askScores(RelevanceQuestions.Half half) {
        Histogram micros = new Histogram(Latency.PRECISION);
        int n = 0;
        int answering = 0;
        int withoutCitation = 0;
        int errors = 0;
        for (SearchQualityBenchmark.Trial trial : trials.stream().filter(in(half)).toList()) {
            SearchQualityBenchmark.Asked asked = trial.asked();
            n++;
            micros.recordValue(asked.micros());
            if (asked.status() != 200) {
                errors++;
            } else if (asked.firstCitedPage() == null) {
                withoutCitation++;
            } else if (trial.question().answers().contains(asked.firstCitedPage())) {
                answering++;
            }
        }
        return new AskScores(n, mean(answering, n), withoutCitation, Latency.of(micros), errors);
    }

    boolean hasErrors() {
        return trials.stream()
                .anyMatch(
                        trial ->
                                trial.asked().status() != 200
                                        || trial.answers().stream()
                                                .anyMatch(answer -> answer.status() != 200));
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String halfName(RelevanceQuestions.Half half) {
        return half == null ? "all" : half.wire();
    }

    private static RelevanceQuestions.Half[] halves() {
        return new RelevanceQuestions.Half[] {
            RelevanceQuestions.Half.TUNING, RelevanceQuestions.Half.CHECKING, null
        };
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "%n=== Search quality benchmark, %s, %d questions, scope %s ===%n",
                        startedAt,
                        trials.size(),
                        options.scope()));
        text.append(
                String.format(
                        Locale.ROOT,
                        "corpus: %d pages, %d indexed (%,d chunks), formats %s; %d uploaded in "
                                + "this run, %d already there; waited %.0f s for processing%s%n",
                        corpusPages,
                        corpus.indexed(),
                        corpus.chunks(),
                        corpus.formats(),
                        corpus.uploadedNow(),
                        corpus.reused(),
                        corpus.waitSeconds(),
                        corpus.complete()
                                ? ""
                                : " (NOT complete: some pages were not indexed or full-text search lagged)"));
        corpus.failures()
                .forEach(
                        failure ->
                                text.append("  not in the corpus: ").append(failure).append('\n'));
        text.append("machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores; ")
                .append(load)
                .append('\n');
        text.append(
                "\n| half | mode | questions | hit@5 | MRR@10 | nDCG@10 | p50 ms | p95 ms | p99 ms |\n");
        text.append("|---|---|---|---|---|---|---|---|---|\n");
        for (RelevanceQuestions.Half half : halves()) {
            for (String mode : SearchQualityBenchmark.MODES) {
                Scores s = scores(half, mode);
                text.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | `%s` | %d | %.3f | %.3f | %.3f | %.0f | %.0f | %.0f |%s%n",
                                halfName(half),
                                mode,
                                s.questions(),
                                s.hitAt5(),
                                s.mrrAt10(),
                                s.ndcgAt10(),
                                s.latency().p50Ms(),
                                s.latency().p95Ms(),
                                s.latency().p99Ms(),
                                notes(s)));
            }
        }
        text.append(
                "\n| half | `POST /api/ask` | questions | first citation from an answering page | no citation"
                        + " | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|---|---|\n");
        for (RelevanceQuestions.Half half : halves()) {
            AskScores s = askScores(half);
            text.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | ask | %d | %.3f | %d | %.0f | %.0f | %.0f |%s%n",
                            halfName(half),
                            s.questions(),
                            s.firstCitationAnswers(),
                            s.withoutCitation(),
                            s.latency().p50Ms(),
                            s.latency().p95Ms(),
                            s.latency().p99Ms(),
                            s.errors() > 0 ? " " + s.errors() + " errors" : ""));
        }
        return text.toString();
    }

    private static String notes(Scores s) {
        String errors = s.errors() > 0 ? " " + s.errors() + " errors (scored as misses)" : "";
        String degraded = s.degraded() > 0 ? " " + s.degraded() + " degraded to words alone" : "";
        return errors + degraded;
    }

    /**
     * Writes the JSON summary as {@code search-quality-<UTC timestamp>.json} and returns its path.
     */
    Path writeJson(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "search-quality");
        root.put("startedAt", startedAt.toString());
        root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        root.put("javaVersion", System.getProperty("java.version"));
        root.put("load", load);
        root.put("scope", options.scope());
        root.put("questionsFile", options.questions().toString());
        ObjectNode corpusNode = root.putObject("corpus");
        corpusNode.put("manual", options.manual().toString());
        corpusNode.put("pages", corpusPages);
        corpusNode.put("indexed", corpus.indexed());
        corpusNode.put("chunks", corpus.chunks());
        corpusNode.putPOJO("formats", corpus.formats());
        corpusNode.put("uploadedThisRun", corpus.uploadedNow());
        corpusNode.put("alreadyThere", corpus.reused());
        corpusNode.put("waitSeconds", Summary.round(corpus.waitSeconds()));
        corpusNode.put("complete", corpus.complete());
        corpusNode.putPOJO("failures", corpus.failures());

        ObjectNode search = root.putObject("search");
        for (RelevanceQuestions.Half half : halves()) {
            ObjectNode halfNode = search.putObject(halfName(half));
            for (String mode : SearchQualityBenchmark.MODES) {
                Scores s = scores(half, mode);
                ObjectNode node = halfNode.putObject(mode);
                node.put("questions", s.questions());
                Summary.putRounded(node, "hitAt5", s.hitAt5());
                Summary.putRounded(node, "mrrAt10", s.mrrAt10());
                Summary.putRounded(node, "ndcgAt10", s.ndcgAt10());
                Summary.latency(node, s.latency());
                node.put("errors", s.errors());
                node.put("degraded", s.degraded());
            }
        }
        ObjectNode ask = root.putObject("ask");
        for (RelevanceQuestions.Half half : halves()) {
            AskScores s = askScores(half);
            ObjectNode node = ask.putObject(halfName(half));
            node.put("questions", s.questions());
            Summary.putRounded(node, "firstCitationFromAnsweringPage", s.firstCitationAnswers());
            node.put("withoutCitation", s.withoutCitation());
            Summary.latency(node, s.latency());
            node.put("errors", s.errors());
        }

        ArrayNode questions = root.putArray("questions");
        for (SearchQualityBenchmark.Trial trial : trials) {
            ObjectNode node = questions.addObject();
            node.put("id", trial.question().id());
            node.put("half", trial.question().half().wire());
            node.put("question", trial.question().text());
            node.putPOJO("answers", trial.question().answers().stream().sorted().toList());
            for (SearchQualityBenchmark.Answer answer : trial.answers()) {
                ObjectNode mode = node.putObject(answer.mode());
                mode.put("status", answer.status());
                mode.put(
                        "firstRank",
                        RelevanceScores.firstRank(answer.pages(), trial.question().answers()));
                mode.putPOJO("pages", answer.pages());
                mode.put("ms", Summary.round(answer.micros() / 1000.0));
            }
            ObjectNode asked = node.putObject("ask");
            asked.put("status", trial.asked().status());
            asked.put("firstCitedPage", trial.asked().firstCitedPage());
            asked.put("citations", trial.asked().citations());
            asked.put("ms", Summary.round(trial.asked().micros() / 1000.0));
        }

        Files.createDirectories(directory);
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(startedAt);
        Path file = directory.resolve("search-quality-" + stamp + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }
}
