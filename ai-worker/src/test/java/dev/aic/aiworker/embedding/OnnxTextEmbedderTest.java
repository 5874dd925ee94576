package dev.aic.aiworker.embedding;

import static dev.aic.aiworker.embedding.ShippedModels.cosine;
import static dev.aic.aiworker.embedding.ShippedModels.length;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default model as shipped: what a caller of the embedder sees. */
class OnnxTextEmbedderTest {

    private static final String DOG_QUESTION = "How do I keep my dog healthy?";
    private static final String CANINE_CARE =
            "Canine nutrition matters: feed a balanced diet suited to the animal's"
                    + " age and size, and book veterinary check-ups at least once a year so vaccinations stay current.";
    private static final List<String> UNRELATED =
            List.of(
                    "The quarterly earnings report showed revenue growth in the European market.",
                    "Kubernetes schedules containers onto nodes according to resource requests.",
                    "The orchestra rehearsed Beethoven's ninth symphony before the concert.",
                    "Heavy rain is expected over the mountains during the weekend.");

    static OnnxTextEmbedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = ShippedModels.embedder(ShippedModels.MINILM);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @Test
    void vectorsHaveTheConfiguredDimensionAndUnitLength() {
        Embeddings embeddings =
                embedder.embed(
                        List.of(
                                "A meetup about retrieval-augmented generation.",
                                "Slides",
                                CANINE_CARE));

        assertThat(embeddings.vectors())
                .hasSize(3)
                .allSatisfy(
                        vector -> {
                            assertThat(vector).hasSize(384);
                            assertThat(length(vector)).isCloseTo(1.0, within(1e-5));
                        });
    }

    @Test
    void everyVectorNamesTheModelAndAFingerprintThatStaysTheSame() {
        EmbeddingModelVersion model = embedder.embed(List.of("one text")).model();

        assertThat(model.name()).isEqualTo("all-minilm-l6-v2");
        assertThat(model.dimension()).isEqualTo(384);
        assertThat(model.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(embedder.model()).isEqualTo(model);
    }

    @Test
    void aQuestionFindsThePassageThatAnswersItWithoutSharingItsWords() {
        List<String> passages = new java.util.ArrayList<>(UNRELATED);
        passages.add(2, CANINE_CARE);
        float[] query = embedder.embed(List.of(DOG_QUESTION)).vectors().get(0);
        List<float[]> vectors = embedder.embed(passages).vectors();

        List<String> ranked =
                IntStream.range(0, passages.size())
                        .boxed()
                        .sorted(
                                Comparator.comparingDouble(
                                                (Integer i) -> cosine(query, vectors.get(i)))
                                        .reversed())
                        .map(passages::get)
                        .collect(Collectors.toList());

        assertThat(ranked.get(0)).isEqualTo(CANINE_CARE);
    }

    @Test
    void aTextEmbedsTheSameAloneAsInABatchOfLongerAndShorterTexts() {
        String text = "Community events have rooms, time slots and speakers.";
        float[] alone = embedder.embed(List.of(text)).vectors().get(0);

        List<String> batch = List.of(CANINE_CARE + " " + CANINE_CARE, "Hi", text, UNRELATED.get(1));
        List<float[]> together = embedder.embed(batch).vectors();

        assertThat(cosine(alone, together.get(2))).isGreaterThan(0.99999);
        assertThat(cosine(together.get(0), together.get(1))).isLessThan(0.9);
    }

    @Test
    void textsLongerThanTheTokenLimitAreTruncatedNotRejected() {
        String beginning = (CANINE_CARE + " ").repeat(30);
        String endingA =
                " The annual conference closes with a keynote on vector databases.".repeat(20);
        String endingB = " Weather on the coast turned stormy and the ferries stopped.".repeat(20);

        List<float[]> vectors =
                embedder.embed(List.of(beginning + endingA, beginning + endingB)).vectors();

        // both share far more than the 256 tokens kept, so what follows them is cut off and cannot
        // matter
        assertThat(vectors)
                .allSatisfy(vector -> assertThat(length(vector)).isCloseTo(1.0, within(1e-5)));
        assertThat(cosine(vectors.get(0), vectors.get(1))).isGreaterThan(0.99999);
    }

    @Test
    void blankTextIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> embedder.embed(List.of("fine", "  ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text 1 of 2 is blank");
    }

    @Test
    void moreTextsThanOneBatchComeBackInTheGivenOrderAsIfEmbeddedOneByOne() {
        List<String> texts =
                IntStream.range(0, 20)
                        .mapToObj(
                                i ->
                                        i % 3 == 0
                                                ? "Talk number " + i
                                                : UNRELATED.get(i % UNRELATED.size())
                                                        + " Part "
                                                        + i)
                        .toList();

        List<float[]> together = embedder.embed(texts).vectors();

        assertThat(
                        IntStream.range(0, texts.size())
                                .mapToDouble(
                                        i ->
                                                cosine(
                                                        together.get(i),
                                                        embedder.embed(List.of(texts.get(i)))
                                                                .vectors()
                                                                .get(0))))
                .allSatisfy(similarity -> assertThat(similarity).isGreaterThan(0.99999));
    }
}
