import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes the broker's services' principals and ACLs what {@code access.txt} says: sets each principal's
 * SCRAM-SHA-512 password where {@code AIC_<PRINCIPAL>_KAFKA_PASSWORD} is set (MSK takes them from Secrets Manager
 * instead), adds the listed ACLs and removes any other ACL of those principals. Idempotent.
 *
 * <p>Run with the Kafka client jars on the class path, as a single-file program:
 * {@code java -cp 'libs/*' KafkaAccess.java access.txt}. The administrator's connection comes from
 * {@code AIC_KAFKA_BOOTSTRAP}, {@code AIC_KAFKA_SECURITY_PROTOCOL}, {@code AIC_KAFKA_SASL_MECHANISM},
 * {@code AIC_KAFKA_USER} and {@code AIC_KAFKA_PASSWORD}.
 */
public class KafkaAccess {

    private static final int SCRAM_ITERATIONS = 8192;

    public static void main(String[] args) throws Exception {
        List<AclBinding> wanted = parse(Path.of(args[0]));
        Set<String> principals = new LinkedHashSet<>();
        wanted.forEach(acl -> principals.add(acl.entry().principal()));
        Map<String, String> env = System.getenv();
        try (Admin admin = Admin.create(adminProperties(env))) {
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            for (String principal : principals) {
                String user = principal.substring("User:".length());
                String password = env.get("AIC_" + user.toUpperCase(Locale.ROOT).replace('-', '_') + "_KAFKA_PASSWORD");
                if (password != null && !password.isEmpty()) {
                    credentials.add(new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password));
                }
            }
            if (env.getOrDefault("AIC_KAFKA_SASL_MECHANISM", "PLAIN").equals("PLAIN")) {
                // a local broker's super user signs in with PLAIN (it exists before any metadata); a SCRAM
                // credential lets it sign in as the services do, with the same client settings
                credentials.add(new UserScramCredentialUpsertion(env.get("AIC_KAFKA_USER"),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        env.get("AIC_KAFKA_PASSWORD")));
            }
            if (!credentials.isEmpty()) {
                admin.alterUserScramCredentials(credentials).all().get(60, TimeUnit.SECONDS);
            }
            Set<AclBinding> existing = new HashSet<>();
            for (String principal : principals) {
                existing.addAll(admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                        new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY)))
                        .values().get(60, TimeUnit.SECONDS));
            }
            List<AclBindingFilter> stale = existing.stream().filter(acl -> !wanted.contains(acl))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(60, TimeUnit.SECONDS);
            }
            List<AclBinding> missing = wanted.stream().filter(acl -> !existing.contains(acl)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(60, TimeUnit.SECONDS);
            }
            System.out.printf("kafka access: %d principals (%d passwords set), %d ACLs (%d added, %d removed)%n",
                    principals.size(), credentials.size(), wanted.size(), missing.size(), stale.size());
        }
    }

    private static Properties adminProperties(Map<String, String> env) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", required(env, "AIC_KAFKA_BOOTSTRAP"));
        properties.put("security.protocol", env.getOrDefault("AIC_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"));
        String mechanism = env.getOrDefault("AIC_KAFKA_SASL_MECHANISM", "PLAIN");
        properties.put("sasl.mechanism", mechanism);
        String module = mechanism.startsWith("SCRAM") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        properties.put("sasl.jaas.config", module + " required username=\"" + quoted(required(env, "AIC_KAFKA_USER"))
                + "\" password=\"" + quoted(required(env, "AIC_KAFKA_PASSWORD")) + "\";");
        properties.put("request.timeout.ms", "30000");
        properties.put("default.api.timeout.ms", "60000");
        return properties;
    }

    /** One ALLOW binding per operation of every line: {@code principal resource pattern name operations}. */
    private static List<AclBinding> parse(Path spec) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (String line : Files.readAllLines(spec)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] field = trimmed.split("\\s+");
            if (field.length != 5) {
                throw new IllegalArgumentException("Expected 5 fields in " + spec + ": " + line);
            }
            var pattern = new ResourcePattern(ResourceType.fromString(field[1].toUpperCase(Locale.ROOT)), field[3],
                    PatternType.fromString(field[2].toUpperCase(Locale.ROOT)));
            if (pattern.resourceType() == ResourceType.UNKNOWN || pattern.patternType() == PatternType.UNKNOWN) {
                throw new IllegalArgumentException("Unknown resource or pattern in " + spec + ": " + line);
            }
            for (String operation : field[4].split(",")) {
                AclOperation op = AclOperation.fromString(operation.toUpperCase(Locale.ROOT));
                if (op == AclOperation.UNKNOWN) {
                    throw new IllegalArgumentException("Unknown operation " + operation + " in " + spec);
                }
                bindings.add(new AclBinding(pattern,
                        new AccessControlEntry("User:" + field[0], "*", op, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
