package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcEmailRegistry implements EmailRegistry {

    private final JdbcTemplate jdbc;

    JdbcEmailRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String email, UserId owner) {
        // ON CONFLICT keeps the transaction usable; a concurrent claim of the same address waits for the
        // other transaction and then sees its row
        return jdbc.update("INSERT INTO user_email (email, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                email, owner.value()) == 1;
    }
}
