package dev.aic.contracts.agenda;

import dev.aic.contracts.user.UserId;
import java.util.List;

/**
 * What a speaker stated about their time: never during {@code unavailable} (a hard rule),
 * preferably during {@code preferred} (a soft goal; none stated means any time suits).
 */
public record SpeakerAvailability(
        UserId speaker, List<Period> unavailable, List<Period> preferred) {

    public SpeakerAvailability {
        unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
        preferred = preferred == null ? List.of() : List.copyOf(preferred);
    }
}
