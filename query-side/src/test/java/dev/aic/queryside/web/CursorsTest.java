package dev.aic.queryside.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final String QUERY = "list;sort=displayName;role=null;active=true";
    private final Cursors cursors = new Cursors(new SecretKeySpec(new byte[32], "AES"));

    @Test
    void aCursorGivesBackTheKeysOfItsOwnListing() {
        String cursor =
                cursors.encode(
                        QUERY,
                        List.of("Ada | \"Lovelace\"", "1b0c9a7e-5f1d-4c5e-9a43-2f8e51d0c6a1"));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(cursors.decode(cursor, QUERY, 2))
                .containsExactly("Ada | \"Lovelace\"", "1b0c9a7e-5f1d-4c5e-9a43-2f8e51d0c6a1");
    }

    @Test
    void aCursorRevealsNothingOfTheKeysItHolds() {
        String cursor =
                cursors.encode(
                        QUERY,
                        List.of(
                                "2026-12-07T05:41:12.345Z",
                                "1b0c9a7e-5f1d-4c5e-9a43-2f8e51d0c6a1"));
        String decoded =
                new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);

        assertThat(decoded)
                .doesNotContain("2026")
                .doesNotContain("1b0c9a7e")
                .doesNotContain("\"k\"");
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        String cursor = cursors.encode(QUERY, List.of("Ada", "id"));

        assertThatThrownBy(
                        () ->
                                cursors.decode(
                                        cursor, "list;sort=registeredAt;role=null;active=true", 2))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("another sort order");
    }

    @Test
    void aCursorMadeUnderAnotherKeyIsRefused() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String foreign =
                new Cursors(new SecretKeySpec(otherKey, "AES")).encode(QUERY, List.of("Ada", "id"));

        assertThatThrownBy(() -> cursors.decode(foreign, QUERY, 2))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("not made by this service");
    }

    @Test
    void anAlteredOrForeignCursorIsRefused() {
        String cursor = cursors.encode(QUERY, List.of("Ada", "id"));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[bytes.length - 2] ^= 0x20;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        for (String invalid :
                List.of(altered, "%%%", "", "AAAA", "A".repeat(Cursors.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> cursors.decode(invalid, QUERY, 2))
                    .as(invalid)
                    .isInstanceOf(InvalidCursorException.class);
        }
        assertThatThrownBy(() -> cursors.decode(cursor, QUERY, 3))
                .isInstanceOf(InvalidCursorException.class);
    }
}
