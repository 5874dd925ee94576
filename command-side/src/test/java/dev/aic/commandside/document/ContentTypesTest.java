package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentTypesTest {

    private static final String MAIN_PART = "word/document.xml";

    @TempDir Path directory;

    /**
     * Hostile bytes at upload: a zip bomb must cost detection nothing. The main part's compressed
     * data here is not valid deflate at all, so a detection that inflated it would fail; it is
     * recognised from the ZIP's directory.
     */
    @Test
    void aWordPackageIsRecognisedFromItsDirectoryWithoutInflatingAnyEntry() throws IOException {
        Path upload = Files.write(directory.resolve("upload"), packageWithUninflatableMainPart());

        assertThat(new ContentTypes().detect(upload, "bomb.docx")).isEqualTo(ContentTypes.DOCX);
    }

    private static byte[] packageWithUninflatableMainPart() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] text = "knowledge ".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(
                    ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                                    + "content-types\"/>")
                            .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(MAIN_PART));
            zip.write(text);
            zip.closeEntry();
        }
        byte[] file = bytes.toByteArray();
        // the main part's data follows its local header (30 bytes and the name; no extra field)
        int header = indexOf(file, MAIN_PART.getBytes(StandardCharsets.US_ASCII)) - 30;
        int data = header + 30 + MAIN_PART.length();
        Arrays.fill(file, data, data + 16, (byte) 0xFF);
        return file;
    }

    private static int indexOf(byte[] file, byte[] name) {
        for (int i = 0; i <= file.length - name.length; i++) {
            if (Arrays.equals(file, i, i + name.length, name, 0, name.length)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + new String(name, StandardCharsets.US_ASCII));
    }
}
