package dev.aic.queryside.user;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads of the PostgreSQL user read model. */
@Component
class UserProfiles {

    private static final String COLUMNS =
            """
            id, email, display_name, bio, interests, avatar_ref, roles, active, registered_at, version,
            email_unsubscribed""";
    private static final RowMapper<UserProfile> PROFILE =
            (rs, row) ->
                    new UserProfile(
                            rs.getObject("id", UUID.class),
                            rs.getString("email"),
                            rs.getString("display_name"),
                            rs.getString("bio"),
                            strings(rs.getArray("interests")),
                            rs.getString("avatar_ref"),
                            strings(rs.getArray("roles")).stream().map(Role::valueOf).toList(),
                            rs.getBoolean("active"),
                            rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                            rs.getLong("version"),
                            strings(rs.getArray("email_unsubscribed")).stream()
                                    .map(EmailTopic::valueOf)
                                    .toList());

    private final JdbcTemplate jdbc;

    UserProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserProfile> find(UUID id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM user_profile WHERE id = ?", PROFILE, id)
                .stream()
                .findFirst();
    }

    /** The user an identity of the identity provider is linked to. */
    Optional<UserProfile> findByIdentity(String issuer, String subject) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM user_profile WHERE issuer = ? AND subject = ?",
                        PROFILE,
                        issuer,
                        subject)
                .stream()
                .findFirst();
    }

    /**
     * Up to {@code size} users in {@code sort} order, after the item whose keys are {@code after}
     * (from {@link #keysOf}). Keyset pagination: each page is an index range scan, however deep the
     * page, and a user who registers or renames meanwhile can neither be repeated nor push another
     * out of the walk.
     */
    List<UserProfile> page(UserSort sort, Role role, Boolean active, List<String> after, int size) {
        var sql =
                new StringBuilder("SELECT ")
                        .append(COLUMNS)
                        .append(" FROM user_profile WHERE TRUE");
        List<Object> arguments = new ArrayList<>();
        if (role != null) {
            sql.append(" AND ? = ANY (roles)");
            arguments.add(role.name());
        }
        if (active != null) {
            sql.append(" AND active = ?");
            arguments.add(active);
        }
        if (after != null) {
            sql.append(
                    switch (sort) {
                        case DISPLAY_NAME ->
                                " AND (display_name COLLATE \"und-x-icu\", id) > (?, ?)";
                        case REGISTERED_AT -> " AND (registered_at, id) > (?, ?)";
                        case NEWEST_FIRST -> " AND (registered_at, id) < (?, ?)";
                    });
            arguments.add(
                    sort == UserSort.DISPLAY_NAME
                            ? after.get(0)
                            : Instant.parse(after.get(0)).atOffset(ZoneOffset.UTC));
            arguments.add(UUID.fromString(after.get(1)));
        }
        sql.append(
                switch (sort) {
                    case DISPLAY_NAME -> " ORDER BY display_name COLLATE \"und-x-icu\", id";
                    case REGISTERED_AT -> " ORDER BY registered_at, id";
                    case NEWEST_FIRST -> " ORDER BY registered_at DESC, id DESC";
                });
        sql.append(" LIMIT ?");
        arguments.add(size);
        return jdbc.query(sql.toString(), PROFILE, arguments.toArray());
    }

    /** What a cursor remembers of the last item of a page, for {@link #page}. */
    static List<String> keysOf(UserSort sort, UserProfile last) {
        String first =
                sort == UserSort.DISPLAY_NAME ? last.displayName() : last.registeredAt().toString();
        return List.of(first, last.id().toString());
    }

    /** Checks keys from a client before they reach SQL; a malformed key is an altered cursor. */
    static boolean wellFormed(UserSort sort, List<String> keys) {
        try {
            UUID.fromString(keys.get(1));
            if (sort != UserSort.DISPLAY_NAME) {
                Instant.parse(keys.get(0));
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
