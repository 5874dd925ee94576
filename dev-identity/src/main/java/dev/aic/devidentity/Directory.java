package dev.aic.devidentity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The people this provider signs tokens for: the configured demo people, and anyone else with a
 * well-formed username. The open part exists for load tests, which need thousands of distinct
 * people without a directory to maintain; each such person gets the default roles and an {@code
 * example.test} address.
 */
@Component
class Directory {

    static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9-]{1,40}$");

    private final Map<String, Person> configured = new LinkedHashMap<>();
    private final DevIdentityProperties properties;

    Directory(DevIdentityProperties properties) {
        this.properties = properties;
        for (Person person : properties.users()) {
            if (person.username() == null || !USERNAME.matcher(person.username()).matches()) {
                throw new IllegalArgumentException(
                        "Demo user '" + person.username() + "' does not match " + USERNAME);
            }
            configured.put(person.username(), person);
        }
    }

    static final String NO_ROLE_PREFIX = "newbie-";

    /**
     * "unverified-alice": a guest who claims alice's address without having proved it, as a
     * provider that lets people type any address would sign; for the tests that make sure such a
     * claim earns nothing.
     */
    static final String UNVERIFIED_PREFIX = "unverified-";

    Optional<Person> find(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        Person person = configured.get(username);
        if (person != null) {
            return Optional.of(person);
        }
        if (username.startsWith(UNVERIFIED_PREFIX)
                && username.length() > UNVERIFIED_PREFIX.length()) {
            String claimed = username.substring(UNVERIFIED_PREFIX.length());
            return Optional.of(
                    new Person(
                            username,
                            claimed + "@example.test",
                            username,
                            properties.defaultRoles(),
                            null,
                            false));
        }
        // "newbie-…": a fresh person with no role at all, like the demo newbie, for tests that need
        // one each
        return Optional.of(
                new Person(
                        username,
                        username + "@example.test",
                        username,
                        username.startsWith(NO_ROLE_PREFIX) ? List.of() : properties.defaultRoles(),
                        null,
                        true));
    }
}
