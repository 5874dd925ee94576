package dev.aic.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.privacy.WhenErased;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event serializer of every reader and writer of the event store: Jackson's, except that each
 * {@link PersonalData} value of a record is stored as {@code {"pd":"v1","ct":"<Base64>"}},
 * encrypted with AES-256-GCM under the key of the record's {@link
 * dev.aic.contracts.privacy.DataSubject}, the associated data being that person's id and the
 * property name. Reading decrypts; once the person's key is erased it yields the field's {@link
 * WhenErased} value instead. Values stored in plain text before encryption existed read as they
 * are, or as erased once their person is. Everything else passes through unchanged.
 */
public final class PersonalDataSerializer implements Serializer {

    static final String VERSION_PROPERTY = "pd";
    static final String VERSION = "v1";
    static final String CIPHERTEXT_PROPERTY = "ct";

    private final JacksonSerializer delegate;
    private final ObjectMapper json;
    private final SubjectKeys keys;

    public PersonalDataSerializer(JacksonSerializer delegate, SubjectKeys keys) {
        this.delegate = delegate;
        this.json = delegate.getObjectMapper();
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<PersonalFields> personal =
                object == null ? Optional.empty() : PersonalFields.of(object.getClass());
        if (personal.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        encrypt(personal.get(), (ObjectNode) tree.getData());
        return delegate.getConverter().convert(tree, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Optional<PersonalFields> personal =
                PersonalFields.of(classForType(serializedObject.getType()));
        if (personal.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        return delegate.deserialize(decrypted(serializedObject, personal.get()));
    }

    /**
     * The stored JSON as its readers see it, for showing rather than handling (a data export):
     * decrypted, or with the erased values, when its type has personal data; as stored otherwise.
     */
    public JsonNode readableTree(SerializedObject<?> serializedObject) {
        Optional<PersonalFields> personal =
                PersonalFields.of(classForType(serializedObject.getType()));
        if (personal.isEmpty()) {
            return getConverter().convert(serializedObject, JsonNode.class).getData();
        }
        return decrypted(serializedObject, personal.get()).getData();
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private void encrypt(PersonalFields personal, ObjectNode tree) {
        UUID subject = subjectOf(personal, tree);
        SecretKey key = null;
        for (String field : personal.fields().keySet()) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (key == null) {
                key = keys.keyFor(subject);
            }
            byte[] ciphertext =
                    FieldCipher.encrypt(key, associatedData(subject, field), bytes(value));
            tree.set(field, envelope(ciphertext));
        }
    }

    private SerializedObject<JsonNode> decrypted(
            SerializedObject<?> serializedObject, PersonalFields personal) {
        // a copy: the stored tree may be shared with other readers of the same message
        ObjectNode tree =
                (ObjectNode)
                        getConverter()
                                .convert(serializedObject, JsonNode.class)
                                .getData()
                                .deepCopy();
        UUID subject = subjectOf(personal, tree);
        // looked up once per event: a person without a stored key (events from before their key,
        // or a data set without keys) is not cached, and each lookup is a query
        SubjectKey key = null;
        for (Map.Entry<String, WhenErased> field : personal.fields().entrySet()) {
            JsonNode value = tree.get(field.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            if (key == null) {
                key = keys.lookup(subject);
            }
            if (key instanceof SubjectKey.Erased) {
                tree.set(field.getKey(), erased(field.getValue()));
            } else if (isEnvelope(value)) {
                SecretKey secret =
                        key.key()
                                .orElseThrow(
                                        () ->
                                                new PersonalDataException(
                                                        "No key for person "
                                                                + subject
                                                                + ", whose "
                                                                + field.getKey()
                                                                + " is encrypted"));
                byte[] plaintext =
                        FieldCipher.decrypt(
                                secret,
                                associatedData(subject, field.getKey()),
                                ciphertextOf(value));
                tree.set(field.getKey(), parse(plaintext));
            }
        }
        return new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType());
    }

    private static UUID subjectOf(PersonalFields personal, JsonNode tree) {
        JsonNode subject = tree.get(personal.subject());
        if (subject == null || !subject.isTextual()) {
            throw new PersonalDataException(
                    "The data subject '" + personal.subject() + "' is missing");
        }
        return UUID.fromString(subject.asText());
    }

    private static String associatedData(UUID subject, String field) {
        return subject + "/" + field;
    }

    private static boolean isEnvelope(JsonNode value) {
        return value.isObject()
                && VERSION.equals(value.path(VERSION_PROPERTY).asText(null))
                && value.path(CIPHERTEXT_PROPERTY).isTextual();
    }

    private static ObjectNode envelope(byte[] ciphertext) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put(VERSION_PROPERTY, VERSION);
        envelope.put(CIPHERTEXT_PROPERTY, Base64.getEncoder().encodeToString(ciphertext));
        return envelope;
    }

    private static byte[] ciphertextOf(JsonNode envelope) {
        try {
            return Base64.getDecoder().decode(envelope.get(CIPHERTEXT_PROPERTY).asText());
        } catch (IllegalArgumentException e) {
            throw new PersonalDataException("Encrypted personal data is not Base64", e);
        }
    }

    private static JsonNode erased(WhenErased whenErased) {
        return switch (whenErased) {
            case NULL -> JsonNodeFactory.instance.nullNode();
            case EMPTY_LIST -> JsonNodeFactory.instance.arrayNode();
            case ERASED_MEMBER -> JsonNodeFactory.instance.textNode(PersonalData.ERASED_MEMBER);
        };
    }

    private byte[] bytes(JsonNode value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new PersonalDataException("Could not write personal data", e);
        }
    }

    private JsonNode parse(byte[] plaintext) {
        try {
            return json.readTree(plaintext);
        } catch (IOException e) {
            throw new PersonalDataException("Decrypted personal data is not JSON", e);
        }
    }
}
