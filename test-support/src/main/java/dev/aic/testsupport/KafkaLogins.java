package dev.aic.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How Kafka clients sign in to the test broker: the super user ({@code admin}, for a test's set-up
 * and inspection and for playing the other side of a topic) or a service's own principal, whose
 * ACLs allow only what the service does ({@code deploy/kafka/access.txt}).
 */
public record KafkaLogins(
        String bootstrap,
        String securityProtocol,
        Endpoints.Login admin,
        Map<String, Endpoints.Login> services) {

    /** The services that use Kafka, each with a principal of its own; the query-side uses none. */
    public static final Set<String> SERVICES = Set.of("command-side", "ai-worker");

    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    public KafkaLogins {
        services = Map.copyOf(services);
    }

    /** Client settings (bootstrap servers and sign-in) of the super user. */
    public Map<String, Object> asAdmin() {
        return clientConfig(admin);
    }

    /** Client settings of {@code service}'s own principal. */
    public Map<String, Object> as(String service) {
        return clientConfig(service(service));
    }

    /** Client settings of any principal, with any password: a wrong one is refused. */
    public Map<String, Object> clientConfig(Endpoints.Login login) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", securityProtocol);
        config.put("sasl.mechanism", SASL_MECHANISM);
        config.put("sasl.jaas.config", jaasConfig(login));
        return config;
    }

    /**
     * The Spring Boot properties that make an application's Kafka clients sign in as {@code login}.
     */
    public Map<String, String> springProperties(Endpoints.Login login) {
        return Map.of(
                "spring.kafka.bootstrap-servers",
                bootstrap,
                "spring.kafka.security.protocol",
                securityProtocol,
                "spring.kafka.properties.sasl.mechanism",
                SASL_MECHANISM,
                "spring.kafka.properties.sasl.jaas.config",
                jaasConfig(login));
    }

    public Endpoints.Login service(String service) {
        Endpoints.Login login = services.get(service);
        if (login == null) {
            throw new IllegalArgumentException(
                    "No Kafka principal for service '"
                            + service
                            + "'; known: "
                            + services.keySet());
        }
        return login;
    }

    private static String jaasConfig(Endpoints.Login login) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + login.username()
                + "\" password=\""
                + login.password()
                + "\";";
    }

    @Override
    public String toString() {
        return "KafkaLogins[bootstrap="
                + bootstrap
                + ", securityProtocol="
                + securityProtocol
                + ", admin="
                + admin
                + ", services="
                + services.keySet()
                + "]";
    }
}
