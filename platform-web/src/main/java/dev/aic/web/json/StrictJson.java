package dev.aic.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * JSON is read exactly as written: a number is not a string, an enum is named and not numbered, a
 * document ends where it ends, undeclared fields are refused and strings are well-formed Unicode.
 * Anything else is a 400 naming the field, never a value silently made up from the input.
 */
public final class StrictJson implements WebMvcConfigurer {

    /**
     * Only request bodies are read strictly: the application's own mapper also reads events and
     * search documents, which are ours and are read in pieces (trailing tokens are normal there).
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.stream()
                .filter(MappingJackson2HttpMessageConverter.class::isInstance)
                .map(MappingJackson2HttpMessageConverter.class::cast)
                .forEach(
                        converter ->
                                converter.setObjectMapper(strict(converter.getObjectMapper())));
    }

    static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper mapper =
                base.copy()
                        .enable(
                                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                        // 1.5, 30.0 and 1e3 are not integers: never truncated into one
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .registerModule(
                                new SimpleModule("well-formed-strings")
                                        .addDeserializer(String.class, new WellFormedStrings())
                                        .addDeserializer(Instant.class, new TextualInstants()));
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (CoercionInputShape shape :
                new CoercionInputShape[] {
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
                }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Enum).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * An instant is an ISO 8601 string: Jackson would also read a number as seconds since 1970, so
     * a mistyped {@code "startsAt": 123} would become a date in 1970.
     */
    private static final class TextualInstants extends StdScalarDeserializer<Instant> {

        TextualInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /**
     * Refuses strings with an unpaired surrogate ({@code "\ud800"}): valid JSON, but not text; and
     * strings with U+0000, which PostgreSQL cannot store in a text column, so a read model could
     * never hold it.
     */
    private static final class WellFormedStrings extends StdScalarDeserializer<String> {

        WellFormedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !wellFormed(text)) {
                throw InvalidFormatException.from(
                        parser, "not well-formed Unicode", text, String.class);
            }
            return text;
        }

        private static boolean wellFormed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0) {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
