package dev.aic.queryside.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final String QUERY = "list;sort=displayName;role=null;active=true";

    @Test
    void aCursorGivesBackTheKeysOfItsOwnListing() {
        String cursor = Cursors.encode(QUERY, List.of("Ada | \"Lovelace\"", "1b0c9a7e-5f1d-4c5e-9a43-2f8e51d0c6a1"));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursors.decode(cursor, QUERY, 2))
                .containsExactly("Ada | \"Lovelace\"", "1b0c9a7e-5f1d-4c5e-9a43-2f8e51d0c6a1");
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        String cursor = Cursors.encode(QUERY, List.of("Ada", "id"));

        assertThatThrownBy(() -> Cursors.decode(cursor, "list;sort=registeredAt;role=null;active=true", 2))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("another sort order");
    }

    @Test
    void anAlteredOrForeignCursorIsRefused() {
        String cursor = Cursors.encode(QUERY, List.of("Ada", "id"));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[bytes.length - 2] ^= 0x20;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        for (String invalid : List.of(altered, "%%%", "", "AAAA", "A".repeat(Cursors.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> Cursors.decode(invalid, QUERY, 2)).as(invalid)
                    .isInstanceOf(InvalidCursorException.class);
        }
        assertThatThrownBy(() -> Cursors.decode(cursor, QUERY, 3)).isInstanceOf(InvalidCursorException.class);
    }
}
