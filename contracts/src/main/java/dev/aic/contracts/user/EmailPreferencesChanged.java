package dev.aic.contracts.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The topics the member no longer wants e-mail about, whole and in declaration order. */
@Revision("1")
public record EmailPreferencesChanged(UserId userId, List<EmailTopic> unsubscribed)
        implements UserEvent {

    public EmailPreferencesChanged {
        unsubscribed = List.copyOf(unsubscribed);
    }
}
