package dev.aic.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PythonManualTest {

    @Test
    void convertedPagesAreSpreadEvenlyAndAlternatePdfAndDocx() {
        PythonManual.Format[] formats = PythonManual.formats(334, 10, 10);

        assertThat(Arrays.stream(formats).filter(format -> format == PythonManual.Format.PDF))
                .hasSize(10);
        assertThat(Arrays.stream(formats).filter(format -> format == PythonManual.Format.DOCX))
                .hasSize(10);
        assertThat(formats[8]).isEqualTo(PythonManual.Format.PDF);
        assertThat(formats[25]).isEqualTo(PythonManual.Format.DOCX);
        assertThat(PythonManual.formats(334, 10, 10)).isEqualTo(formats);
    }

    @Test
    void withNothingToConvertEveryPageIsHtml() {
        assertThat(PythonManual.formats(5, 0, 0)).containsOnly(PythonManual.Format.HTML);
    }

    @Test
    void moreConversionsThanPagesConvertEveryPageOnce() {
        PythonManual.Format[] formats = PythonManual.formats(3, 4, 4);

        assertThat(formats)
                .containsExactly(
                        PythonManual.Format.PDF, PythonManual.Format.DOCX, PythonManual.Format.PDF);
    }
}
