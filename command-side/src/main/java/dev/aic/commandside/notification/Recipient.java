package dev.aic.commandside.notification;

import dev.aic.contracts.user.EmailTopic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A member as the notifications know them. */
record Recipient(
        UUID userId,
        String email,
        String displayName,
        boolean active,
        Set<EmailTopic> unsubscribed) {

    /** Whether they are to get e-mail about {@code topic}: active and not unsubscribed from it. */
    boolean wants(EmailTopic topic) {
        return active && !unsubscribed.contains(topic);
    }

    /** The columns of {@code notification.recipient} in the current row. */
    static Recipient read(ResultSet row) throws SQLException {
        Set<EmailTopic> unsubscribed = EnumSet.noneOf(EmailTopic.class);
        Arrays.stream((String[]) row.getArray("unsubscribed").getArray())
                .map(EmailTopic::valueOf)
                .forEach(unsubscribed::add);
        return new Recipient(
                row.getObject("user_id", UUID.class),
                row.getString("email"),
                row.getString("display_name"),
                row.getBoolean("active"),
                unsubscribed);
    }
}
