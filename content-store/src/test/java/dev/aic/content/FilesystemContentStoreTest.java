package dev.aic.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filesystem store on a real directory: whole files, ranges of them, and keys that could escape
 * it.
 */
class FilesystemContentStoreTest {

    @TempDir Path root;
    @TempDir Path work;

    @Test
    void aRangeIsReadFromItsOffsetAndEndsAtItsLengthOrTheEndOfTheFile() throws IOException {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 13);
        }
        FilesystemContentStore store = new FilesystemContentStore(root);
        store.put(
                "documents/d1/v1",
                Files.write(work.resolve("large.pdf"), bytes),
                "application/pdf");

        try (InputStream whole = store.get("documents/d1/v1");
                InputStream middle = store.get("documents/d1/v1", 40_000, 12_345);
                InputStream pastTheEnd = store.get("documents/d1/v1", 99_000, 5_000)) {
            assertThat(whole.readAllBytes()).isEqualTo(bytes);
            assertThat(middle.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 40_000, 52_345));
            assertThat(pastTheEnd.readAllBytes())
                    .isEqualTo(Arrays.copyOfRange(bytes, 99_000, 100_000));
        }
    }

    @Test
    void missingContentAndInvalidRangesAreRefused() {
        FilesystemContentStore store = new FilesystemContentStore(root);

        assertThatThrownBy(() -> store.get("documents/none/v1", 0, 10))
                .isInstanceOf(ContentStore.NoSuchContentException.class);
        assertThatThrownBy(() -> store.get("documents/none/v1", -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("documents/none/v1", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("../outside", 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
