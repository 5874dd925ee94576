package dev.aic.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class TokenTableTest {

    private static final GapAwareTrackingToken AT_10_WITH_GAP_7 =
            GapAwareTrackingToken.newInstance(10, Set.of(7L));

    @Test
    void tokensReadBackAsTheJacksonSerializerOfTheTokenStoreWroteThem() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        var table = new TokenTable(null, serializer, "tokenentry");

        for (TrackingToken token :
                List.of(
                        AT_10_WITH_GAP_7,
                        ReplayToken.createReplayToken(
                                AT_10_WITH_GAP_7,
                                GapAwareTrackingToken.newInstance(3, Set.of())))) {
            SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);
            assertThat(table.token(stored.getData(), stored.getType().getName())).isEqualTo(token);
        }
        assertThat(table.token(null, null)).isNull();
    }
}
