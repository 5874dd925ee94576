package dev.aic.commandside.document;

import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.UserId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a document records the ai-worker's reports, once each, and when it may be processed again.
 */
class DocumentProcessingTest {

    private static final DocumentId PAPER =
            new DocumentId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final UserId ADA =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId EVE =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));
    private static final String SHA_1 = "a".repeat(64);
    private static final String SHA_2 = "b".repeat(64);
    private static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "f".repeat(64), 4);
    private static final EmbeddingModel E5 = new EmbeddingModel("e5-small", "e".repeat(64), 4);
    private static final Uploaded UPLOADED =
            new Uploaded(
                    PAPER,
                    1,
                    ADA,
                    "Attention",
                    List.of("nlp"),
                    DocumentVisibility.MEMBERS,
                    null,
                    "application/pdf",
                    1234,
                    SHA_1,
                    "documents/d1/one",
                    "paper.pdf");
    private static final VersionAdded VERSION_2 =
            new VersionAdded(PAPER, 2, "text/markdown", 99, SHA_2, "documents/d1/two", "paper.md");
    private static final ProcessingStarted STARTED = new ProcessingStarted(PAPER, 1, MINILM);
    private static final DocumentCommands.Actor OWNER = new DocumentCommands.Actor(ADA, false);
    private static final DocumentCommands.Actor STRANGER = new DocumentCommands.Actor(EVE, false);
    private static final DocumentCommands.Actor ADMIN = new DocumentCommands.Actor(EVE, true);

    private AggregateTestFixture<Document> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Document.class);
    }

    // starting

    @Test
    void theFirstStartOfAVersionWithAModelIsRecorded() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, MINILM))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED);
    }

    @Test
    void aStartRedeliveredWhileTheProcessingIsUnderWayRecordsNothing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1))
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, MINILM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStartAfterAFailureIsRecorded() {
        fixture.given(UPLOADED, STARTED, failed(ProcessingFailureReason.CORRUPT))
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, MINILM))
                .expectEvents(STARTED);
    }

    @Test
    void aProcessingStartedAgainAfterAFailureRecordsItsChunksFromTheFirst() {
        fixture.given(
                        UPLOADED,
                        STARTED,
                        embedded(1, 0, 1),
                        failed(ProcessingFailureReason.PROCESSING_ERROR),
                        STARTED)
                .when(record(1, 0, 1, 2))
                .expectEvents(embedded(1, 0, 1, 2));
    }

    @Test
    void aStartAfterCompletionRecordsNothing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), completed(1, 2))
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, MINILM))
                .expectNoEvents();
    }

    @Test
    void anotherModelProcessesTheSameVersionOnItsOwn() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), completed(1, 2))
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, E5))
                .expectEvents(new ProcessingStarted(PAPER, 1, E5));
    }

    // chunks

    @Test
    void aBatchOfChunksIsRecorded() {
        fixture.given(UPLOADED, STARTED)
                .when(record(1, 0, 1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(embedded(1, 0, 1));
    }

    @Test
    void aRedeliveredBatchRecordsNothing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), embedded(1, 2, 3))
                .when(record(1, 0, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyTheChunksNotRecordedYetAreRecorded() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1))
                .when(record(1, 1, 2, 2, 3))
                .expectEvents(embedded(1, 2, 3));
    }

    @Test
    void chunksOfAnotherModelAreRecordedApart() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), new ProcessingStarted(PAPER, 1, E5))
                .when(new DocumentCommands.RecordChunks(PAPER, 1, E5, List.of(chunk(0), chunk(1))))
                .expectEvents(new ChunksEmbedded(PAPER, 1, E5, List.of(chunk(0), chunk(1))));
    }

    @Test
    void aChunkWhoseVectorIsNotTheModelsLengthIsRefused() {
        EmbeddedChunk tooShort =
                new EmbeddedChunk(
                        1,
                        "text 1",
                        0,
                        ChunkLocation.page(1),
                        0,
                        6,
                        2,
                        new EmbeddingVector(new float[] {0.1f, 0.2f, 0.3f}));
        fixture.given(UPLOADED, STARTED)
                .when(
                        new DocumentCommands.RecordChunks(
                                PAPER, 1, MINILM, List.of(chunk(0), tooShort)))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(
                        "Chunk 1 has a vector of 3 dimensions, but all-minilm-l6-v2 makes 4")
                .expectNoEvents();
    }

    @Test
    void chunksBeforeTheProcessingStartedAreRefused() {
        fixture.given(UPLOADED)
                .when(record(1, 0, 1))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    // completion

    @Test
    void theCompletionIsRecordedOnceEveryChunkIsRecorded() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), embedded(1, 2))
                .when(new DocumentCommands.RecordProcessingCompleted(PAPER, 1, MINILM, 3))
                .expectSuccessfulHandlerExecution()
                .expectEvents(completed(1, 3));
    }

    @Test
    void aCompletionWithChunksMissingIsRefusedUntilTheyAreRecorded() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 2))
                .when(new DocumentCommands.RecordProcessingCompleted(PAPER, 1, MINILM, 3))
                .expectException(ChunksMissingException.class)
                .expectExceptionMessage(
                        "Processing of version 1 of document "
                                + PAPER
                                + " with all-minilm-l6-v2 ("
                                + MINILM.fingerprint()
                                + ") reported 3 chunks complete, but 2 of them are recorded")
                .expectNoEvents();
    }

    @Test
    void aCompletionCountingFewerChunksThanRecordedIsRefused() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1, 2))
                .when(new DocumentCommands.RecordProcessingCompleted(PAPER, 1, MINILM, 2))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aRepeatedCompletionRecordsNothing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), completed(1, 2))
                .when(new DocumentCommands.RecordProcessingCompleted(PAPER, 1, MINILM, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBatchRedeliveredAfterTheCompletionRecordsNothing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0, 1), completed(1, 2))
                .when(record(1, 0, 1))
                .expectNoEvents();
    }

    // failure

    @Test
    void aFailureIsRecorded() {
        fixture.given(UPLOADED, STARTED)
                .when(
                        new DocumentCommands.RecordProcessingFailed(
                                PAPER,
                                1,
                                MINILM,
                                ProcessingFailureReason.NO_TEXT,
                                "No text in 3 pages"))
                .expectEvents(failed(ProcessingFailureReason.NO_TEXT));
    }

    @Test
    void theSameFailureAgainRecordsNothing() {
        fixture.given(UPLOADED, STARTED, failed(ProcessingFailureReason.NO_TEXT))
                .when(
                        new DocumentCommands.RecordProcessingFailed(
                                PAPER,
                                1,
                                MINILM,
                                ProcessingFailureReason.NO_TEXT,
                                "No text in 3 pages"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailureOfAProcessingStartedAgainIsRecordedAgain() {
        fixture.given(UPLOADED, STARTED, failed(ProcessingFailureReason.NO_TEXT), STARTED)
                .when(
                        new DocumentCommands.RecordProcessingFailed(
                                PAPER,
                                1,
                                MINILM,
                                ProcessingFailureReason.NO_TEXT,
                                "No text in 3 pages"))
                .expectEvents(failed(ProcessingFailureReason.NO_TEXT));
    }

    @Test
    void aFailureAfterTheCompletionRecordsNothing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0), completed(1, 1))
                .when(
                        new DocumentCommands.RecordProcessingFailed(
                                PAPER, 1, MINILM, ProcessingFailureReason.PROCESSING_ERROR, "late"))
                .expectNoEvents();
    }

    // stale reports

    @Test
    void reportsAboutAVersionThatIsNoLongerCurrentRecordNothing() {
        fixture.given(UPLOADED, STARTED, VERSION_2)
                .when(record(1, 0, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(UPLOADED, STARTED, VERSION_2)
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, MINILM))
                .expectNoEvents();
        fixture.given(UPLOADED, STARTED, embedded(1, 0), VERSION_2)
                .when(new DocumentCommands.RecordProcessingCompleted(PAPER, 1, MINILM, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(UPLOADED, VERSION_2)
                .when(
                        new DocumentCommands.RecordProcessingFailed(
                                PAPER, 1, MINILM, ProcessingFailureReason.NO_TEXT, "No text"))
                .expectNoEvents();
    }

    @Test
    void reportsAboutADeletedDocumentRecordNothing() {
        Deleted deleted = new Deleted(PAPER, List.of("documents/d1/one"));
        fixture.given(UPLOADED, deleted)
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 1, MINILM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(UPLOADED, STARTED, deleted)
                .when(record(1, 0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(UPLOADED, STARTED, embedded(1, 0), deleted)
                .when(new DocumentCommands.RecordProcessingCompleted(PAPER, 1, MINILM, 1))
                .expectNoEvents();
    }

    @Test
    void aStaleReportIsNotCheckedForMalformedVectors() {
        EmbeddedChunk tooShort =
                new EmbeddedChunk(
                        0,
                        "text",
                        0,
                        ChunkLocation.page(1),
                        0,
                        4,
                        1,
                        new EmbeddingVector(new float[] {0.1f}));
        fixture.given(UPLOADED, STARTED, VERSION_2)
                .when(new DocumentCommands.RecordChunks(PAPER, 1, MINILM, List.of(tooShort)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewVersionStartsWithNoProcessing() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0), completed(1, 1), VERSION_2)
                .when(new DocumentCommands.RecordProcessingStarted(PAPER, 2, MINILM))
                .expectEvents(new ProcessingStarted(PAPER, 2, MINILM));
        fixture.given(
                        UPLOADED,
                        STARTED,
                        embedded(1, 0),
                        completed(1, 1),
                        VERSION_2,
                        new ProcessingStarted(PAPER, 2, MINILM))
                .when(record(2, 0))
                .expectEvents(embedded(2, 0));
    }

    // reprocessing

    @Test
    void theOwnerMayHaveAFailedVersionProcessedAgain() {
        fixture.given(UPLOADED, STARTED, failed(ProcessingFailureReason.CORRUPT))
                .when(new DocumentCommands.Reprocess(PAPER, null, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new ReprocessingRequested(
                                PAPER, 1, "application/pdf", 1234, SHA_1, "documents/d1/one"));
    }

    @Test
    void reprocessingNamesTheCurrentVersionsContent() {
        fixture.given(
                        UPLOADED,
                        STARTED,
                        embedded(1, 0),
                        completed(1, 1),
                        VERSION_2,
                        new ProcessingStarted(PAPER, 2, MINILM),
                        new ProcessingFailed(
                                PAPER, 2, MINILM, ProcessingFailureReason.NO_TEXT, "x"))
                .when(new DocumentCommands.Reprocess(PAPER, null, ADMIN))
                .expectEvents(
                        new ReprocessingRequested(
                                PAPER, 2, "text/markdown", 99, SHA_2, "documents/d1/two"));
    }

    @Test
    void aVersionWhoseProcessingNeverCompletedMayBeProcessedAgain() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.Reprocess(PAPER, null, OWNER))
                .expectEvents(
                        new ReprocessingRequested(
                                PAPER, 1, "application/pdf", 1234, SHA_1, "documents/d1/one"));
        fixture.given(UPLOADED, STARTED, embedded(1, 0))
                .when(new DocumentCommands.Reprocess(PAPER, null, OWNER))
                .expectEvents(
                        new ReprocessingRequested(
                                PAPER, 1, "application/pdf", 1234, SHA_1, "documents/d1/one"));
    }

    @Test
    void aVersionProcessedCompletelyIsNotProcessedAgain() {
        fixture.given(UPLOADED, STARTED, embedded(1, 0), completed(1, 1))
                .when(new DocumentCommands.Reprocess(PAPER, null, OWNER))
                .expectException(DocumentRuleViolation.class)
                .expectExceptionMessage(
                        "Version 1 of document "
                                + PAPER
                                + " was processed completely; only a "
                                + "failed or unfinished processing can be repeated")
                .expectNoEvents();
    }

    @Test
    void aVersionOneModelCompletedAndAnotherFailedMayBeProcessedAgain() {
        fixture.given(
                        UPLOADED,
                        STARTED,
                        embedded(1, 0),
                        completed(1, 1),
                        new ProcessingStarted(PAPER, 1, E5),
                        new ProcessingFailed(
                                PAPER,
                                1,
                                E5,
                                ProcessingFailureReason.PROCESSING_ERROR,
                                "out of memory"))
                .when(new DocumentCommands.Reprocess(PAPER, null, OWNER))
                .expectEvents(
                        new ReprocessingRequested(
                                PAPER, 1, "application/pdf", 1234, SHA_1, "documents/d1/one"));
    }

    @Test
    void anotherMemberMayNotHaveADocumentProcessedAgain() {
        fixture.given(UPLOADED, STARTED, failed(ProcessingFailureReason.CORRUPT))
                .when(new DocumentCommands.Reprocess(PAPER, null, STRANGER))
                .expectException(DocumentRuleViolation.class)
                .expectExceptionMessage(
                        "Only the document's owner or an administrator may change it")
                .expectNoEvents();
    }

    @Test
    void aDeletedDocumentIsNotProcessedAgain() {
        fixture.given(
                        UPLOADED,
                        STARTED,
                        failed(ProcessingFailureReason.CORRUPT),
                        new Deleted(PAPER, List.of("documents/d1/one")))
                .when(new DocumentCommands.Reprocess(PAPER, null, OWNER))
                .expectException(DocumentRuleViolation.class)
                .expectExceptionMessage("Document " + PAPER + " was deleted")
                .expectNoEvents();
    }

    private static DocumentCommands.RecordChunks record(int version, int... indexes) {
        return new DocumentCommands.RecordChunks(PAPER, version, MINILM, chunks(indexes));
    }

    private static ChunksEmbedded embedded(int version, int... indexes) {
        List<EmbeddedChunk> chunks = chunks(indexes);
        return new ChunksEmbedded(PAPER, version, MINILM, chunks.stream().distinct().toList());
    }

    private static List<EmbeddedChunk> chunks(int... indexes) {
        return IntStream.of(indexes).mapToObj(DocumentProcessingTest::chunk).toList();
    }

    private static EmbeddedChunk chunk(int index) {
        String text = "text " + index;
        return new EmbeddedChunk(
                index,
                text,
                0,
                ChunkLocation.page(1),
                0,
                text.length(),
                2,
                new EmbeddingVector(new float[] {index, 0.5f, -0.5f, 1f}));
    }

    private static ProcessingCompleted completed(int version, int chunkCount) {
        return new ProcessingCompleted(PAPER, version, MINILM, chunkCount);
    }

    private static ProcessingFailed failed(ProcessingFailureReason reason) {
        return new ProcessingFailed(PAPER, 1, MINILM, reason, "No text in 3 pages");
    }
}
