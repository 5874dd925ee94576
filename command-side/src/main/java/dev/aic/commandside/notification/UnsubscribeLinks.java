package dev.aic.commandside.notification;

import dev.aic.contracts.user.EmailTopic;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One-click unsubscribe links (RFC 8058): a random, unguessable token per member and topic, so the
 * link needs no sign-in and no signing key, and every e-mail about a topic carries the same link.
 */
@Component
public class UnsubscribeLinks {

    public static final String PATH = "/api/email/unsubscribe/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final NotificationProperties properties;

    UnsubscribeLinks(JdbcTemplate jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The member's link for the topic, created the first time it is needed. */
    String urlFor(UUID user, EmailTopic topic) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        jdbc.update(
                "INSERT INTO notification.unsubscribe_link (token, user_id, topic) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                user,
                topic.name());
        String token =
                jdbc.queryForObject(
                        "SELECT token FROM notification.unsubscribe_link WHERE user_id = ? AND topic = ?",
                        String.class,
                        user,
                        topic.name());
        return url(token);
    }

    String url(String token) {
        return properties.publicUrl().resolve(PATH + token).toString();
    }

    /** Whose link for which topic the token is, if it is one. */
    public Optional<Subscription> resolve(String token) {
        return jdbc
                .query(
                        "SELECT user_id, topic FROM notification.unsubscribe_link WHERE token = ?",
                        (row, n) ->
                                new Subscription(
                                        row.getObject("user_id", UUID.class),
                                        EmailTopic.valueOf(row.getString("topic"))),
                        token)
                .stream()
                .findFirst();
    }

    public record Subscription(UUID userId, EmailTopic topic) {}
}
