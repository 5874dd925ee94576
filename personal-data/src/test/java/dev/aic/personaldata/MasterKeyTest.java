package dev.aic.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private final MasterKey master =
            MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void aWrappedKeyUnwrapsForItsOwnPersonOnly() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey key = generator.generateKey();
        UUID person = UUID.randomUUID();

        byte[] wrapped = master.wrap(person, key);

        assertThat(java.util.HexFormat.of().formatHex(wrapped))
                .doesNotContain(java.util.HexFormat.of().formatHex(key.getEncoded()));
        assertThat(master.unwrap(person, wrapped).getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> master.unwrap(UUID.randomUUID(), wrapped))
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(
                        () ->
                                MasterKey.fromBase64(
                                        Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDerivedKeyIsTheSameOnEveryInstanceAndDiffersByPurposeAndFromTheMasterKey() {
        MasterKey sameSecret =
                MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        MasterKey another =
                MasterKey.fromBase64(
                        Base64.getEncoder()
                                .encodeToString(
                                        new byte[] {
                                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
                                            31, 32
                                        }));

        byte[] cursors = master.derive("page-cursor").getEncoded();

        assertThat(cursors)
                .hasSize(32)
                .isEqualTo(sameSecret.derive("page-cursor").getEncoded())
                .isNotEqualTo(master.derive("something-else").getEncoded())
                .isNotEqualTo(another.derive("page-cursor").getEncoded())
                .isNotEqualTo(new byte[32]);
    }
}
