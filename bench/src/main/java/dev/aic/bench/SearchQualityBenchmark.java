package dev.aic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How well the knowledge hub finds what a member asks for (issue 17), on a real manual: Debian's
 * Python 3.11 library reference and tutorial ({@link PythonManual}), uploaded through the API as
 * HTML, PDF and DOCX ({@link ManualUpload}), and questions written in a reader's own words with the
 * pages that answer them ({@link RelevanceQuestions}).
 *
 * <p>Every question is asked once in each mode of {@code GET /api/search} (the ten best documents),
 * and once to {@code POST /api/ask}; the modes of one question follow each other, so whatever else
 * the machine does weighs on them alike. A result is scored by the page its document was uploaded
 * from ({@link RelevanceScores}): hit@5, MRR@10 and nDCG@10 per mode and per half, with each mode's
 * latency as the client sees it; for ask, whether its first citation comes from an answering page.
 * The baseline of every figure is the other modes on the same questions in the same run.
 *
 * <p>Exit status: 0 when it measured (a poor score is a finding, not a failure); 1 when the corpus
 * could not be put on the platform or a search answered an error, which makes the figures
 * meaningless; 2 on bad arguments.
 */
public final class SearchQualityBenchmark {

    static final List<String> MODES = List.of("semantic", "fulltext", "hybrid");
    static final int RESULTS = 10;
    static final String OTHER = "(not in the corpus)";
    private static final int ASK_PASSAGES = 5;
    private static final int WARM_UP = 3;

    /** What one mode answered to one question: the pages of its results, best first. */
    record Answer(String mode, int status, List<String> pages, boolean degraded, long micros) {}

    /**
     * What the ask endpoint answered: the page of its first citation, null when it cited nothing or
     * failed.
     */
    record Asked(int status, String firstCitedPage, int citations, long micros) {}

    /** One question with each mode's answer, in {@link #MODES} order, and ask's. */
    record Trial(RelevanceQuestions.Question question, List<Answer> answers, Asked asked) {}

    private SearchQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(SearchQualityOptions.fromCommandLine(args)));
    }

    static int run(SearchQualityOptions options) throws Exception {
        Instant startedAt = Instant.now();
        String loadAtStart = loadAverage();
        List<PythonManual.Page> pages = PythonManual.prepare(options, SearchQualityBenchmark::say);
        Set<String> corpusPages =
                pages.stream().map(PythonManual.Page::page).collect(Collectors.toSet());
        List<RelevanceQuestions.Question> questions =
                RelevanceQuestions.read(options.questions(), corpusPages);
        say(
                String.format(
                        Locale.ROOT,
                        "corpus: %d pages of %s; %d questions (%s)",
                        pages.size(),
                        options.manual(),
                        questions.size(),
                        options.questions()));

        Http http = new Http();
        http.requireReady(options.commandSide(), options.querySide());
        String bearer =
                "Bearer "
                        + AccessToken.clientCredentials(
                                options.issuer(), options.reader(), options.secret());
        String adminBearer =
                "Bearer "
                        + AccessToken.clientCredentials(
                                options.issuer(), options.admin(), options.secret());
        ManualUpload upload = new ManualUpload(options, http, SearchQualityBenchmark::say);
        UUID readerId = upload.signIn(bearer);
        ManualUpload.Corpus corpus = upload.upload(pages, bearer, adminBearer, readerId);
        if (corpus.indexed() == 0) {
            say("no page was indexed: nothing to measure");
            corpus.failures().stream().limit(20).forEach(failure -> say("    " + failure));
            return 1;
        }

        String author = options.scope().equals("author") ? readerId.toString() : null;
        say(
                "asking "
                        + questions.size()
                        + " questions in "
                        + MODES
                        + " and through POST /api/ask"
                        + (author == null
                                ? ", over everything the reader may read"
                                : ", over the reader's uploads (author)"));
        for (int i = 0; i < WARM_UP; i++) {
            for (String mode : MODES) {
                search(http, options, bearer, "warming up the search path", mode, author, corpus);
            }
        }
        List<Trial> trials = new ArrayList<>(questions.size());
        for (RelevanceQuestions.Question question : questions) {
            List<Answer> answers = new ArrayList<>(MODES.size());
            for (String mode : MODES) {
                answers.add(search(http, options, bearer, question.text(), mode, author, corpus));
            }
            trials.add(
                    new Trial(
                            question,
                            answers,
                            ask(http, options, bearer, question.text(), readerId, author, corpus)));
            if (trials.size() % 12 == 0) {
                say("asked " + trials.size() + "/" + questions.size());
            }
        }

        String load =
                "load average " + loadAtStart + " at the start, " + loadAverage() + " at the end";
        SearchQualityReport report =
                new SearchQualityReport(options, startedAt, load, pages.size(), corpus, trials);
        System.out.print(report.summary());
        Path json = report.writeJson(options.outputDirectory());
        say("summary written to " + json);
        return report.hasErrors() ? 1 : 0;
    }

    private static Answer search(
            Http http,
            SearchQualityOptions options,
            String bearer,
            String q,
            String mode,
            String author,
            ManualUpload.Corpus corpus)
            throws IOException, InterruptedException {
        URI uri =
                URI.create(
                        options.querySide()
                                + "/api/search?q="
                                + URLEncoder.encode(q, StandardCharsets.UTF_8)
                                + "&mode="
                                + mode
                                + "&limit="
                                + RESULTS
                                + (author == null ? "" : "&author=" + author));
        long started = System.nanoTime();
        Http.Response response = http.get(uri, bearer);
        long micros = (System.nanoTime() - started) / 1000;
        List<String> ranked = new ArrayList<>(RESULTS);
        for (JsonNode result : response.body().path("results")) {
            ranked.add(pageOf(result.path("documentId").asText(), corpus));
        }
        return new Answer(
                mode,
                response.status(),
                List.copyOf(ranked),
                response.body().path("degraded").asBoolean(false),
                micros);
    }

    private static Asked ask(
            Http http,
            SearchQualityOptions options,
            String bearer,
            String question,
            UUID readerId,
            String author,
            ManualUpload.Corpus corpus)
            throws IOException, InterruptedException {
        ObjectNode body = http.object().put("question", question).put("limit", ASK_PASSAGES);
        if (author != null) {
            body.put("author", readerId.toString());
        }
        long started = System.nanoTime();
        Http.Response response =
                http.post(URI.create(options.querySide() + "/api/ask"), bearer, body, null);
        long micros = (System.nanoTime() - started) / 1000;
        JsonNode citations = response.body().path("citations");
        String first =
                citations.size() == 0
                        ? null
                        : pageOf(citations.get(0).path("documentId").asText(), corpus);
        return new Asked(response.status(), first, citations.size(), micros);
    }

    private static String pageOf(String documentId, ManualUpload.Corpus corpus) {
        try {
            return corpus.pageOf().getOrDefault(UUID.fromString(documentId), OTHER);
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void say(String line) {
        System.out.println("bench: " + line);
    }
}
