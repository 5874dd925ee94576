package dev.aic.commandside.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.PersonalDataSerializer;
import dev.aic.testsupport.RealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * An auditor who exports the events of a type gets those stored before the type's class was renamed
 * too, shown as they are stored (docs/event-evolution.md, "Naming events").
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class RenamedEventsExportIT {

    private static final String FORMER =
            "dev.aic.contracts.document.DocumentEvent$DocumentUploaded";

    @Autowired EventExport export;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;

    @Autowired
    @Qualifier("eventSerializer")
    PersonalDataSerializer events;

    @Test
    void anExportOfTodaysTypeHoldsTheEventsStoredUnderItsFormerName() throws IOException {
        Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
        String document = UUID.randomUUID().toString();
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, ?, ?, 0, 'Document')""",
                UUID.randomUUID().toString(),
                """
                {"documentId":"%s","version":1,"owner":"%s","title":"Minutes","tags":[],"visibility":"MEMBERS",\
                "communityEventId":null,"contentType":"text/plain","sizeBytes":42,"sha256":"%s",\
                "storageKey":"documents/%s/1","originalFilename":null}"""
                        .formatted(document, UUID.randomUUID(), "d".repeat(64), document),
                FORMER,
                Instant.now().toString(),
                document);

        for (String type :
                List.of("Uploaded", "dev.aic.contracts.document.DocumentEvent$Uploaded")) {
            List<JsonNode> exported =
                    exported(new EventExport.Filter(from, null, type, "Document", null, null));

            assertThat(exported)
                    .as("export of type %s", type)
                    .filteredOn(event -> event.get("aggregateId").asText().equals(document))
                    .singleElement()
                    .satisfies(
                            event -> {
                                assertThat(event.get("payloadType").asText()).isEqualTo(FORMER);
                                assertThat(event.get("payload").get("title").asText())
                                        .isEqualTo("Minutes");
                            });
        }
    }

    @Test
    void anExportOfTodaysUserEventHoldsItsFormerTopLevelClassWithThePersonalFieldsReadable()
            throws IOException {
        Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
        UserId member = new UserId(UUID.randomUUID());
        String former = "dev.aic.contracts.user.UserDeactivated";
        // as an earlier release stored it: the reason, a personal field, encrypted under the
        // member's key
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), ?, '1', ?, ?, ?, 0, 'User')""",
                UUID.randomUUID().toString(),
                events.serialize(new UserEvent.Deactivated(member, "moved abroad"), byte[].class)
                        .getData(),
                former,
                Instant.now().toString(),
                member.toString());

        for (String type : List.of("Deactivated", UserEvent.Deactivated.class.getName())) {
            List<JsonNode> exported =
                    exported(new EventExport.Filter(from, null, type, "User", null, null));

            assertThat(exported)
                    .as("export of type %s", type)
                    .filteredOn(
                            event -> event.get("aggregateId").asText().equals(member.toString()))
                    .singleElement()
                    .satisfies(
                            event -> {
                                assertThat(event.get("payloadType").asText()).isEqualTo(former);
                                assertThat(event.get("payload").get("reason").asText())
                                        .isEqualTo("moved abroad");
                            });
        }
    }

    private List<JsonNode> exported(EventExport.Filter filter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(filter, out);
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(json.readTree(line));
            }
        }
        return events;
    }
}
