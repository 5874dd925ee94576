package dev.aic.queryside.user;

import dev.aic.contracts.user.UserRegistered;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@code users} OpenSearch index. OpenSearch is outside the processor's transaction, so
 * delivery is at least once; external versions make every write idempotent.
 */
@Component
@ProcessingGroup(UserSearchProjection.PROCESSING_GROUP)
class UserSearchProjection {

    static final String PROCESSING_GROUP = "users-search";

    private final UserSearchIndex index;

    UserSearchProjection(UserSearchIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        index.put(new UserView(event.userId().value(), event.email(), event.displayName(), at), sequenceNumber);
    }

    @ResetHandler
    void reset() {
        index.deleteAll();
    }
}
