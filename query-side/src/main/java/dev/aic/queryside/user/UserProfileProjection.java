package dev.aic.queryside.user;

import dev.aic.contracts.user.UserRegistered;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code user_profile} in PostgreSQL. Runs in the processor's transaction, so each row and the
 * processor's token commit together; the version column makes a redelivered event a no-op.
 */
@Component
@ProcessingGroup(UserProfileProjection.PROCESSING_GROUP)
class UserProfileProjection {

    static final String PROCESSING_GROUP = "users";

    private final JdbcTemplate jdbc;

    UserProfileProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO user_profile (id, email, display_name, registered_at, version)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.userId().value(), event.email(), event.displayName(), at.atOffset(ZoneOffset.UTC), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE user_profile");
    }
}
