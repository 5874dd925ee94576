package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;
import dev.aic.contracts.user.UserRegistered;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final UserId ADA = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId EVE = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));

    private final Map<String, UserId> claimed = new HashMap<>();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((EmailRegistry) (email, owner) -> claimed.putIfAbsent(email, owner) == null);
    }

    @Test
    void memberIsRegisteredWithANormalisedEmailAndTrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ADA, "  Ada@Example.ORG ", " Ada Lovelace "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(ADA, "ada@example.org", "Ada Lovelace"));
    }

    @Test
    void registrationIsRefusedWhenTheEmailBelongsToSomeoneElse() {
        claimed.put("ada@example.org", ADA);

        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(EVE, "ADA@example.org", "Eve"))
                .expectException(EmailAlreadyRegisteredException.class)
                .expectNoEvents();
    }
}
