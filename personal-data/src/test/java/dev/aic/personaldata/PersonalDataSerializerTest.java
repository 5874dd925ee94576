package dev.aic.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class PersonalDataSerializerTest {

    private static final UserId ADA =
            new UserId(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"));
    private static final UserId GRACE =
            new UserId(UUID.fromString("0b1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5f"));

    private final JacksonSerializer jackson =
            JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
    private final InMemorySubjectKeys keys = new InMemorySubjectKeys();
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, keys);

    @Test
    void personalFieldsAreStoredEncryptedAndReadBackAsTheyWere() {
        var registered = new UserEvent.Registered(ADA, "ada@example.org", "Ada Lovelace");

        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);

        String text = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(text)
                .doesNotContain("ada@example.org")
                .doesNotContain("Ada Lovelace")
                .contains(ADA.toString())
                .contains("\"pd\":\"v1\"");
        assertThat(stored.getType()).isEqualTo(jackson.typeForClass(UserEvent.Registered.class));
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(registered);
    }

    @Test
    void listsAndNullsRoundTrip() {
        var profile =
                new UserEvent.ProfileUpdated(
                        ADA, "Ada", null, List.of("engines", "poetry"), "avatars/ada.png");

        SerializedObject<byte[]> stored = serializer.serialize(profile, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .doesNotContain("poetry")
                .contains("\"bio\":null");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(profile);
    }

    @Test
    void afterErasureTheFieldsReadAsErased() {
        SerializedObject<byte[]> registered =
                serializer.serialize(
                        new UserEvent.Registered(ADA, "ada@example.org", "Ada"), byte[].class);
        SerializedObject<byte[]> profile =
                serializer.serialize(
                        new UserEvent.ProfileUpdated(
                                ADA,
                                "Ada",
                                "First programmer",
                                List.of("engines"),
                                "avatars/ada.png"),
                        byte[].class);

        keys.erase(ADA.value());

        assertThat((Object) serializer.deserialize(registered))
                .isEqualTo(new UserEvent.Registered(ADA, null, PersonalData.ERASED_MEMBER));
        assertThat((Object) serializer.deserialize(profile))
                .isEqualTo(
                        new UserEvent.ProfileUpdated(
                                ADA, PersonalData.ERASED_MEMBER, null, List.of(), null));
    }

    @Test
    void erasingOnePersonLeavesOthersReadable() {
        var grace = new UserEvent.Registered(GRACE, "grace@example.org", "Grace Hopper");
        SerializedObject<byte[]> stored = serializer.serialize(grace, byte[].class);
        serializer.serialize(new UserEvent.Registered(ADA, "ada@example.org", "Ada"), byte[].class);

        keys.erase(ADA.value());

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(grace);
    }

    @Test
    void nothingNewIsWrittenAboutAnErasedPerson() {
        keys.erase(ADA.value());

        assertThatThrownBy(
                        () ->
                                serializer.serialize(
                                        new UserEvent.Registered(ADA, "ada@example.org", "Ada"),
                                        byte[].class))
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        ObjectNode tree = storedTree(new UserEvent.Registered(ADA, "ada@example.org", "Ada"));
        byte[] ciphertext = Base64.getDecoder().decode(tree.get("email").get("ct").asText());
        ciphertext[ciphertext.length - 1] ^= 1;
        ((ObjectNode) tree.get("email")).put("ct", Base64.getEncoder().encodeToString(ciphertext));

        assertThatThrownBy(() -> serializer.deserialize(asStored(tree, UserEvent.Registered.class)))
                .isInstanceOf(PersonalDataException.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void aCiphertextMovedToAnotherFieldIsRefused() {
        ObjectNode tree = storedTree(new UserEvent.Registered(ADA, "ada@example.org", "Ada"));
        tree.set("displayName", tree.get("email"));

        assertThatThrownBy(() -> serializer.deserialize(asStored(tree, UserEvent.Registered.class)))
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void aCiphertextMovedToAnotherPersonIsRefused() {
        serializer.serialize(
                new UserEvent.Registered(GRACE, "grace@example.org", "Grace"), byte[].class);
        ObjectNode tree = storedTree(new UserEvent.Registered(ADA, "ada@example.org", "Ada"));
        tree.put("userId", GRACE.toString());

        assertThatThrownBy(() -> serializer.deserialize(asStored(tree, UserEvent.Registered.class)))
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void eventsWithoutPersonalDataAndMetadataAreJacksonsOwnBytes() {
        var rsvp =
                new CommunityEventEvent.RsvpConfirmed(
                        CommunityEventId.of(UUID.randomUUID().toString()), ADA);
        var erased = new UserEvent.Erased(ADA, "request 7");
        MetaData metaData = MetaData.from(Map.of("actorId", ADA.toString()));

        for (Object plain : List.of(rsvp, erased, metaData)) {
            assertThat(serializer.serialize(plain, byte[].class).getData())
                    .isEqualTo(jackson.serialize(plain, byte[].class).getData());
        }
        assertThat((Object) serializer.deserialize(serializer.serialize(rsvp, byte[].class)))
                .isEqualTo(rsvp);
    }

    @Test
    void valuesStoredBeforeEncryptionReadAsTheyAreUntilTheirPersonIsErased() throws Exception {
        SerializedObject<byte[]> legacy =
                jackson.serialize(
                        new UserEvent.Registered(ADA, "ada@example.org", "Ada"), byte[].class);

        assertThat((Object) serializer.deserialize(legacy))
                .isEqualTo(new UserEvent.Registered(ADA, "ada@example.org", "Ada"));
        keys.erase(ADA.value());
        assertThat((Object) serializer.deserialize(legacy))
                .isEqualTo(new UserEvent.Registered(ADA, null, PersonalData.ERASED_MEMBER));
    }

    @Test
    void upcastTreesAreDecryptedToo() {
        var registered = new UserEvent.Registered(ADA, "ada@example.org", "Ada");
        SerializedObject<JsonNode> asTree =
                serializer
                        .getConverter()
                        .convert(serializer.serialize(registered, byte[].class), JsonNode.class);

        assertThat((Object) serializer.deserialize(asTree)).isEqualTo(registered);
        assertThat(serializer.readableTree(asTree).get("email").asText())
                .isEqualTo("ada@example.org");
    }

    private ObjectNode storedTree(Object event) {
        return (ObjectNode)
                serializer
                        .getConverter()
                        .convert(serializer.serialize(event, byte[].class), JsonNode.class)
                        .getData();
    }

    private SerializedObject<JsonNode> asStored(JsonNode tree, Class<?> type) {
        return new SimpleSerializedObject<>(tree, JsonNode.class, serializer.typeForClass(type));
    }
}
