package dev.aic.commandside.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * History edited behind the system's back, straight in the database, is found and named: by the
 * audit API and by the command-line verifier that runs without the service. Every test puts the
 * history back as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings({"rawtypes", "unchecked"})
class AuditChainIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;

    @Value("${spring.datasource.url}")
    String jdbcUrl;

    @Value("${spring.datasource.username}")
    String dbUser;

    @Value("${spring.datasource.password}")
    String dbPassword;

    @Autowired ChainWatch watch;
    @Autowired MeterRegistry meters;
    private Api api;
    private List<Map<String, Object>> events;

    /** Given a user with three events, all of them sealed into the chain. */
    @BeforeEach
    void sealedEvents() {
        api = new Api(http);
        ResponseEntity<Map> registered =
                api.call(
                        "adam",
                        HttpMethod.POST,
                        "/api/users",
                        Map.of(
                                "email",
                                "sealed-" + UUID.randomUUID() + "@example.test",
                                "displayName",
                                "Sealed"));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String user = (String) registered.getBody().get("id");
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.PUT,
                                        "/api/users/" + user + "/profile",
                                        Map.of(
                                                "displayName",
                                                "Sealed Twice",
                                                "interests",
                                                List.of()))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/users/" + user + "/deactivate",
                                        Map.of())
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        events =
                jdbc.queryForList(
                        """
                SELECT globalindex, eventidentifier FROM domainevententry WHERE aggregateidentifier = ?
                ORDER BY sequencenumber""",
                        user);
        assertThat(events).hasSize(3);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.queryForObject(
                                                "SELECT count(*) FROM audit_chain WHERE global_index = ANY (?)",
                                                Long.class,
                                                (Object)
                                                        events.stream()
                                                                .map(
                                                                        event ->
                                                                                event.get(
                                                                                        "globalindex"))
                                                                .toArray(Long[]::new))
                                        == 3);
    }

    @Test
    void aPayloadEditedInTheDatabaseIsDetectedAndNamedByTheApiAndTheTool() {
        assertIntact();
        long index = index(1);
        byte[] original =
                jdbc.queryForObject(
                        "SELECT payload FROM domainevententry WHERE globalindex = ?",
                        byte[].class,
                        index);
        // still valid JSON, and independent of which fields are stored encrypted
        String forged =
                new String(original, StandardCharsets.UTF_8)
                        .replaceFirst("\\{", "{\"forged\":true,");
        jdbc.update(
                "UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                forged.getBytes(StandardCharsets.UTF_8),
                index);
        try {
            Map broken = firstBroken(verify(""));
            assertThat(broken)
                    .containsEntry("kind", "ALTERED")
                    .containsEntry("eventIdentifier", eventId(1))
                    .containsEntry("differs", List.of("payload"));
            assertThat(((Number) broken.get("globalIndex")).longValue()).isEqualTo(index);

            Tool tool = tool("--from", String.valueOf(index(0)), "--to", String.valueOf(index(2)));
            assertThat(tool.status()).isEqualTo(VerifyChainTool.TAMPERED);
            assertThat(tool.out())
                    .contains("\"kind\" : \"ALTERED\"")
                    .contains(eventId(1))
                    .contains("\"payload\"");
            assertThat(tool.err()).contains("TAMPERED").contains("global index " + index);

            // a range that ends before the edit does not see it
            assertThat((Boolean) verify("?to=" + index(0)).get("intact")).isTrue();
        } finally {
            jdbc.update(
                    "UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                    original,
                    index);
        }
        assertIntact();
    }

    @Test
    void theScheduledVerificationShowsAnEditedPayloadToMonitoringAndItsRepairToo()
            throws Exception {
        long index = index(1);
        byte[] original =
                jdbc.queryForObject(
                        "SELECT payload FROM domainevententry WHERE globalindex = ?",
                        byte[].class,
                        index);
        jdbc.update(
                "UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                new String(original, StandardCharsets.UTF_8)
                        .replaceFirst("\\{", "{\"forged\":true,")
                        .getBytes(StandardCharsets.UTF_8),
                index);
        try {
            assertThat(verifiedByTheWatch()).isTrue();
            assertThat(gauge("aic.audit.chain.intact")).isZero();
            assertThat(gauge("aic.audit.chain.tampered")).isOne();
            assertThat(gauge("aic.audit.chain.findings")).isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.update(
                    "UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                    original,
                    index);
        }
        double before = gauge("aic.audit.chain.last.verified");
        assertThat(verifiedByTheWatch()).isTrue();
        assertThat(gauge("aic.audit.chain.intact")).isOne();
        assertThat(gauge("aic.audit.chain.tampered")).isZero();
        assertThat(gauge("aic.audit.chain.last.verified"))
                .isGreaterThanOrEqualTo(before)
                .isCloseTo(
                        System.currentTimeMillis() / 1000.0,
                        org.assertj.core.data.Offset.offset(60.0));
    }

    /** Another verification (the scheduled one) may hold the lock for a moment. */
    private boolean verifiedByTheWatch() {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> watch.verify(), verified -> verified);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void twoEventsSwappedInTheStoreAreReportedAsMoved() {
        long first = index(0);
        long second = index(2);
        swap(first, second);
        try {
            Map report = verify("");
            Map broken = firstBroken(report);
            assertThat(broken)
                    .containsEntry("kind", "MOVED")
                    .containsEntry("eventIdentifier", eventId(0));
            assertThat(((Number) broken.get("globalIndex")).longValue()).isEqualTo(first);
            assertThat((String) broken.get("detail")).contains("now at " + second);
            assertThat((List<Map>) report.get("findings"))
                    .extracting(finding -> finding.get("eventIdentifier"))
                    .contains(eventId(2));

            Tool tool = tool();
            assertThat(tool.status()).isEqualTo(VerifyChainTool.TAMPERED);
            assertThat(tool.out()).contains("MOVED").contains(eventId(0)).contains(eventId(2));
        } finally {
            swap(first, second);
        }
        assertIntact();
    }

    @Test
    void aDeletedEventIsReportedAsMissing() {
        long index = index(1);
        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", index);
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", index);
        try {
            Map broken = firstBroken(verify("?from=" + index));
            assertThat(broken)
                    .containsEntry("kind", "MISSING")
                    .containsEntry("eventIdentifier", eventId(1));
            assertThat(((Number) broken.get("globalIndex")).longValue()).isEqualTo(index);
            assertThat(tool("--from", String.valueOf(index)).status())
                    .isEqualTo(VerifyChainTool.TAMPERED);
        } finally {
            jdbc.update(
                    """
                    INSERT INTO domainevententry (globalindex, eventidentifier, metadata, payload, payloadrevision,
                        payloadtype, timestamp, aggregateidentifier, sequencenumber, type)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    row.get("globalindex"),
                    row.get("eventidentifier"),
                    row.get("metadata"),
                    row.get("payload"),
                    row.get("payloadrevision"),
                    row.get("payloadtype"),
                    row.get("timestamp"),
                    row.get("aggregateidentifier"),
                    row.get("sequencenumber"),
                    row.get("type"));
        }
        assertIntact();
    }

    @Test
    void aLinkRemovedFromTheChainLeavesAGapAndAnUnsealedEvent() {
        long index = index(1);
        Map<String, Object> link =
                jdbc.queryForMap("SELECT * FROM audit_chain WHERE global_index = ?", index);
        jdbc.update("DELETE FROM audit_chain WHERE global_index = ?", index);
        try {
            Map report = verify("");
            assertThat((List<Map>) report.get("findings"))
                    .extracting(finding -> finding.get("kind"))
                    .contains("CHAIN_GAP", "UNSEALED");
            assertThat(((Number) report.get("unsealed")).longValue()).isEqualTo(1);
        } finally {
            jdbc.update(
                    """
                    INSERT INTO audit_chain (seq, global_index, event_identifier, hash, prev_hash, field_digests, sealed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    link.get("seq"),
                    link.get("global_index"),
                    link.get("event_identifier"),
                    link.get("hash"),
                    link.get("prev_hash"),
                    link.get("field_digests"),
                    link.get("sealed_at"));
        }
        assertIntact();
    }

    /**
     * An event the sealer skipped (here: its link, the chain's last, removed, as if it had never
     * been appended) is a processing defect, not tampering: nothing the chain vouched for changed.
     * An administrator's repair seals it at the chain's end and the repair stays on record with who
     * asked for it and why.
     */
    @Test
    void anEventTheSealerSkippedIsNeverSealedNotTamperedAndAnAdminsRepairSealsItOnRecord() {
        Map<String, Object> head =
                jdbc.queryForMap("SELECT * FROM audit_chain ORDER BY seq DESC LIMIT 1");
        jdbc.update("DELETE FROM audit_chain WHERE seq = ?", head.get("seq"));

        Map report = verify("");
        assertThat((Boolean) report.get("intact")).isFalse();
        assertThat((Boolean) report.get("tampered")).isFalse();
        assertThat(((Number) report.get("neverSealed")).longValue()).isEqualTo(1);
        assertThat(firstBroken(report))
                .containsEntry("kind", "NEVER_SEALED")
                .containsEntry("eventIdentifier", head.get("event_identifier"));
        assertThat(tool().status()).isEqualTo(VerifyChainTool.NEVER_SEALED);

        String reason = "sealer skipped late commits, issue 14 " + UUID.randomUUID();
        assertThat(
                        api.call(
                                        "audrey",
                                        HttpMethod.POST,
                                        "/api/audit/chain/repair",
                                        Map.of("reason", reason))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/audit/chain/repair",
                                        Map.of("reason", " "))
                                .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> repaired =
                api.call(
                        "adam",
                        HttpMethod.POST,
                        "/api/audit/chain/repair",
                        Map.of("reason", reason));
        assertThat(repaired.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map repair = (Map) repaired.getBody().get("repair");
        assertThat((List<String>) repair.get("eventIdentifiers"))
                .containsExactly((String) head.get("event_identifier"));
        assertThat((String) repair.get("repairedBy")).endsWith("#adam");
        assertThat(((Number) repair.get("firstSeq")).longValue())
                .isEqualTo(((Number) head.get("seq")).longValue());
        assertThat((Boolean) ((Map) repaired.getBody().get("after")).get("intact")).isTrue();

        assertIntact();
        assertThat((List<Map>) verify("").get("repairs"))
                .extracting(recorded -> recorded.get("reason"))
                .contains(reason);
    }

    @Test
    void aRepairNeverSealsAnEventWhoseLinkWasRemovedFromTheMiddleOfTheChain() {
        long index = index(1);
        Map<String, Object> link =
                jdbc.queryForMap("SELECT * FROM audit_chain WHERE global_index = ?", index);
        long links = jdbc.queryForObject("SELECT count(*) FROM audit_chain", Long.class);
        jdbc.update("DELETE FROM audit_chain WHERE global_index = ?", index);
        try {
            Tool repair =
                    tool(
                            "--repair",
                            "--by",
                            "operator on call",
                            "--reason",
                            "try to launder a removed link");
            assertThat(repair.status()).isEqualTo(VerifyChainTool.TAMPERED);
            assertThat(repair.err()).contains("nothing repaired");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain", Long.class))
                    .isEqualTo(links - 1);
            assertThat((Boolean) verify("").get("tampered")).isTrue();
        } finally {
            jdbc.update(
                    """
                    INSERT INTO audit_chain (seq, global_index, event_identifier, hash, prev_hash, field_digests, sealed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    link.get("seq"),
                    link.get("global_index"),
                    link.get("event_identifier"),
                    link.get("hash"),
                    link.get("prev_hash"),
                    link.get("field_digests"),
                    link.get("sealed_at"));
        }
        assertIntact();
    }

    /**
     * Whoever can write the database can also recompute the links after an edit: the chain alone
     * then looks intact. A link recorded outside the database (a report's head) is what such a
     * rewrite cannot keep.
     */
    @Test
    void aRewrittenChainIsCaughtByItsAnchor() {
        Map head = (Map) verify("").get("head");
        long seq = ((Number) head.get("seq")).longValue();
        String anchor = seq + ":" + head.get("hash");
        assertThat((Boolean) verify("?anchor=" + anchor).get("intact")).isTrue();

        long index = ((Number) head.get("globalIndex")).longValue();
        Map<String, Object> link = jdbc.queryForMap("SELECT * FROM audit_chain WHERE seq = ?", seq);
        byte[] original =
                jdbc.queryForObject(
                        "SELECT payload FROM domainevententry WHERE globalindex = ?",
                        byte[].class,
                        index);
        jdbc.update(
                "UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                (new String(original, StandardCharsets.UTF_8).replace("}", ",\"forged\":true}"))
                        .getBytes(StandardCharsets.UTF_8),
                index);
        StoredEvent forged =
                jdbc.queryForObject(
                        "SELECT "
                                + StoredEvent.COLUMNS
                                + " FROM domainevententry e WHERE e.globalindex = ?",
                        (row, n) -> StoredEvent.read(row, 1),
                        index);
        ChainHash.Seal resealed = new ChainHash().seal((byte[]) link.get("prev_hash"), forged);
        jdbc.update(
                "UPDATE audit_chain SET hash = ?, field_digests = ? WHERE seq = ?",
                resealed.hash(),
                resealed.fieldDigests(),
                seq);
        try {
            assertThat((Boolean) verify("").get("intact")).isTrue();

            Map broken = firstBroken(verify("?anchor=" + anchor));
            assertThat(broken).containsEntry("kind", "ANCHOR_MISMATCH");
            assertThat(((Number) broken.get("seq")).longValue()).isEqualTo(seq);
            assertThat(tool("--anchor", anchor).status()).isEqualTo(VerifyChainTool.TAMPERED);
            assertThat(tool().status()).isEqualTo(VerifyChainTool.INTACT);
        } finally {
            jdbc.update(
                    "UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                    original,
                    index);
            jdbc.update(
                    "UPDATE audit_chain SET hash = ?, field_digests = ? WHERE seq = ?",
                    link.get("hash"),
                    link.get("field_digests"),
                    seq);
        }
        assertIntact();
        assertThat(firstBroken(verify("?anchor=" + (seq + 1000) + ":" + head.get("hash"))))
                .containsEntry("kind", "ANCHOR_MISMATCH");
    }

    @Test
    void theToolRefusesBadArguments() {
        assertThat(tool("--from").status()).isEqualTo(VerifyChainTool.FAILED);
        assertThat(tool("--from", "ten").status()).isEqualTo(VerifyChainTool.FAILED);
        assertThat(tool("--sideways").status()).isEqualTo(VerifyChainTool.FAILED);
        assertThat(tool("--anchor", "12:not-a-hash").status()).isEqualTo(VerifyChainTool.FAILED);
        assertThat(tool("--repair", "--by", "operator on call").status())
                .as("a repair without its reason")
                .isEqualTo(VerifyChainTool.FAILED);
        assertThat(
                        api.call(
                                        "audrey",
                                        HttpMethod.GET,
                                        "/api/audit/chain/verify?anchor=12",
                                        null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(
                        api.call(
                                        "audrey",
                                        HttpMethod.GET,
                                        "/api/audit/chain/verify?from=9&to=3",
                                        null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private void assertIntact() {
        Map report = verify("");
        assertThat(report.get("firstBroken")).isNull();
        assertThat((Boolean) report.get("intact")).isTrue();
        assertThat(((Number) report.get("checked")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(tool().status()).isEqualTo(VerifyChainTool.INTACT);
    }

    private Map verify(String query) {
        ResponseEntity<Map> response =
                api.call("audrey", HttpMethod.GET, "/api/audit/chain/verify" + query, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static Map firstBroken(Map report) {
        assertThat((Boolean) report.get("intact")).isFalse();
        return (Map) report.get("firstBroken");
    }

    private void swap(long first, long second) {
        jdbc.update("UPDATE domainevententry SET globalindex = -1 WHERE globalindex = ?", first);
        jdbc.update(
                "UPDATE domainevententry SET globalindex = ? WHERE globalindex = ?", first, second);
        jdbc.update("UPDATE domainevententry SET globalindex = ? WHERE globalindex = -1", second);
    }

    private long index(int sequenceNumber) {
        return ((Number) events.get(sequenceNumber).get("globalindex")).longValue();
    }

    private String eventId(int sequenceNumber) {
        return (String) events.get(sequenceNumber).get("eventidentifier");
    }

    private record Tool(int status, String out, String err) {}

    private Tool tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                VerifyChainTool.run(
                        args,
                        Map.of(
                                "AIC_JDBC_URL",
                                jdbcUrl,
                                "AIC_PG_USER",
                                dbUser,
                                "AIC_PG_PASSWORD",
                                dbPassword),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Tool(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
