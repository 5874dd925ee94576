package dev.aic.personaldata;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.personal-data}: the master key that wraps every person's key (Base64 of 32 bytes),
 * whether the well-known development key may be used, and how long an instance remembers a person's
 * key (the bound on how long another instance, or the other service, may still decrypt after an
 * erasure), and how many connections the key store keeps for creating keys (each is held for one
 * short insert).
 */
@ConfigurationProperties("aic.personal-data")
public record PersonalDataProperties(
        String masterKey,
        boolean developmentKeyAllowed,
        @DefaultValue("PT10S") Duration keyCacheTtl,
        @DefaultValue("2") int keyWriterConnections) {

    /**
     * Used when no key is configured: fine on a laptop and in tests, refused where development keys
     * are not allowed.
     */
    public static final String DEVELOPMENT_KEY = "YWljLWxvY2FsLWRldmVsb3BtZW50LW1hc3Rlci1rZXk=";

    public PersonalDataProperties {
        masterKey = masterKey == null || masterKey.isBlank() ? DEVELOPMENT_KEY : masterKey.trim();
        if (masterKey.equals(DEVELOPMENT_KEY) && !developmentKeyAllowed) {
            throw new IllegalStateException(
                    "AIC_PERSONAL_DATA_MASTER_KEY is not set and the development key is not "
                            + "allowed here: set it to 32 random bytes in Base64 (docs/personal-data.md)");
        }
    }
}
