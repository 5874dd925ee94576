package dev.aic.queryside.user;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads of the PostgreSQL user read model. */
@Component
class UserProfiles {

    private static final RowMapper<UserView> VIEW = (rs, row) -> new UserView(
            rs.getObject("id", UUID.class),
            rs.getString("email"),
            rs.getString("display_name"),
            rs.getObject("registered_at", OffsetDateTime.class).toInstant());

    private final JdbcTemplate jdbc;

    UserProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserView> find(UUID id) {
        return jdbc.query("SELECT * FROM user_profile WHERE id = ?", VIEW, id).stream().findFirst();
    }

    List<UserView> newest(int limit) {
        return jdbc.query("SELECT * FROM user_profile ORDER BY registered_at DESC, id LIMIT ?", VIEW, limit);
    }
}
