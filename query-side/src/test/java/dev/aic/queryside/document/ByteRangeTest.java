package dev.aic.queryside.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void aRangeWithBothEndsIsServedAsAskedAndCutAtTheEnd() {
        assertThat(ByteRange.of("bytes=0-1023", 5000)).contains(new ByteRange(0, 1023));
        assertThat(ByteRange.of("bytes=4000-9999", 5000)).contains(new ByteRange(4000, 4999));
        assertThat(ByteRange.of("bytes=4999-4999", 5000).orElseThrow().length()).isEqualTo(1);
        assertThat(new ByteRange(4000, 4999).contentRange(5000)).isEqualTo("bytes 4000-4999/5000");
    }

    @Test
    void anOpenRangeRunsToTheEndAndASuffixIsTheLastBytes() {
        assertThat(ByteRange.of("bytes=100-", 5000)).contains(new ByteRange(100, 4999));
        assertThat(ByteRange.of("bytes=-500", 5000)).contains(new ByteRange(4500, 4999));
        assertThat(ByteRange.of("bytes=-9000", 5000)).contains(new ByteRange(0, 4999));
        assertThat(ByteRange.of(" Bytes = 1-2 ", 5000)).contains(new ByteRange(1, 2));
    }

    @Test
    void noHeaderAnotherUnitOrSeveralRangesServeTheWholeContent() {
        assertThat(ByteRange.of(null, 5000)).isEmpty();
        assertThat(ByteRange.of("items=0-5", 5000)).isEqualTo(Optional.empty());
        assertThat(ByteRange.of("bytes=0-1,5-6", 5000)).isEmpty();
    }

    @Test
    void malformedOrUnsatisfiableRangesAreRefusedWithTheSize() {
        for (String header :
                new String[] {
                    "bytes",
                    "bytes=",
                    "bytes=-",
                    "bytes=a-b",
                    "bytes=5-1",
                    "bytes=-1-2",
                    "bytes=1.5-2",
                    "bytes=9999999999999999999-",
                    "bytes=-0",
                    "bytes=5000-",
                    "bytes=6000-7000",
                    "0-10"
                }) {
            assertThatThrownBy(() -> ByteRange.of(header, 5000))
                    .as(header)
                    .isInstanceOfSatisfying(
                            InvalidRangeException.class,
                            refused ->
                                    assertThat(refused.headers().getFirst("Content-Range"))
                                            .isEqualTo("bytes */5000"));
        }
        assertThatThrownBy(() -> ByteRange.of("bytes=0-", 0))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> ByteRange.of("bytes=-5", 0))
                .isInstanceOf(InvalidRangeException.class);
    }
}
