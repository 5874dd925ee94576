package dev.aic.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is the whole platform, with the settings of ./platform up: no Docker engine
 * runs here, so the file is read as Compose reads it (SnakeYAML, the engine of the Jackson YAML
 * reader used beside it, resolves the anchors and merge keys) and each service's environment is
 * held against what the service reads (its application*.yml) and against ./platform.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTest {

    private static final Path REPO = Path.of("..");
    private static final List<String> SERVICES = List.of("command-side", "query-side", "ai-worker");

    /** ${AIC_NAME} or ${AIC_NAME:default} in a Spring configuration file */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{(AIC_[A-Z0-9_]+)(?::([^}]*))?}");

    private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost");

    /**
     * Settings whose loopback address is meant for the host, not the container: the issuer is a
     * name compared character for character (the keys come from
     * SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI), the public URL is the one the
     * e-mails' links open in a browser, the trusted proxies a pattern.
     */
    private static final List<String> HOST_FACING =
            List.of("AIC_OIDC_ISSUER_URI", "AIC_PUBLIC_URL", "AIC_TRUSTED_PROXIES");

    private Map<String, Map<String, Object>> services;
    private String platform;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void readComposeAndPlatform() throws IOException {
        Map<String, Object> compose =
                new Yaml().load(Files.readString(REPO.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        platform = Files.readString(REPO.resolve("platform"));
    }

    @Test
    void everySettingAServiceReadsWithoutADefaultIsSet() throws IOException {
        for (String service : SERVICES) {
            var environment = environment(service);
            placeholders(service)
                    .forEach(
                            (name, defaultValue) -> {
                                if (defaultValue == null) {
                                    assertThat(environment)
                                            .as(
                                                    service
                                                            + " needs "
                                                            + name
                                                            + " (no default in its application.yml)")
                                            .containsKey(name);
                                }
                            });
        }
    }

    @Test
    void noSettingLeftAtItsDefaultPointsAContainerAtItself() throws IOException {
        for (String service : SERVICES) {
            var environment = environment(service);
            placeholders(service)
                    .forEach(
                            (name, defaultValue) -> {
                                if (defaultValue != null
                                        && LOOPBACK.matcher(defaultValue).find()
                                        && !HOST_FACING.contains(name)) {
                                    assertThat(environment)
                                            .as(
                                                    service
                                                            + ": "
                                                            + name
                                                            + " defaults to "
                                                            + defaultValue
                                                            + ", the container itself")
                                            .containsKey(name);
                                    assertThat(environment.get(name))
                                            .as(service + " " + name)
                                            .doesNotContainPattern(LOOPBACK.pattern());
                                }
                            });
        }
    }

    @Test
    void everyAddressAServiceIsGivenIsAComposeServiceListeningOnThatPort() {
        var address = Pattern.compile("(?:[a-z]+://)?([a-z][a-z0-9-]*):(\\d+)");
        for (String service : SERVICES) {
            environment(service)
                    .forEach(
                            (name, value) -> {
                                if (HOST_FACING.contains(name)) {
                                    return;
                                }
                                for (String part : value.split(",")) {
                                    Matcher matcher =
                                            address.matcher(part.replaceFirst("^jdbc:", ""));
                                    if (matcher.lookingAt()
                                            && !matcher.group(1).matches("https?|jdbc")) {
                                        String host = matcher.group(1);
                                        int port = Integer.parseInt(matcher.group(2));
                                        assertThat(services)
                                                .as(
                                                        service
                                                                + " "
                                                                + name
                                                                + "="
                                                                + value
                                                                + ": a service "
                                                                + host)
                                                .containsKey(host);
                                        assertThat(listens(host, port))
                                                .as(
                                                        service
                                                                + " "
                                                                + name
                                                                + ": "
                                                                + host
                                                                + " listens on "
                                                                + port)
                                                .isTrue();
                                    }
                                }
                            });
        }
    }

    @Test
    void
            tokensOfTheDevelopmentProviderCarryTheIssuerEveryServiceExpectsFromTheHostAndFromTheContainers() {
        String port = platformPort("dev-identity");
        String issuer = "http://127.0.0.1:" + port;
        assertThat(platform)
                .as("./platform's issuer")
                .contains("ISSUER=\"http://127.0.0.1:${PORTS[dev-identity]}\"");
        assertThat(environment("dev-identity"))
                .as("the provider names itself as ./platform's does, whoever asks")
                .containsEntry("AIC_DEV_IDENTITY_ISSUER", issuer)
                .containsEntry("AIC_DEV_IDENTITY_PORT", port);
        for (String service : SERVICES) {
            var environment = environment(service);
            assertThat(environment)
                    .as(service + " accepts that issuer")
                    .containsEntry("AIC_OIDC_ISSUER_URI", issuer);
            URI keys =
                    URI.create(
                            environment.getOrDefault(
                                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", ""));
            assertThat(keys.getHost())
                    .as(service + " fetches the keys inside the network")
                    .isEqualTo("dev-identity");
            assertThat(keys.getPort()).as(service + " keys port").isEqualTo(Integer.parseInt(port));
            assertThat(keys.getPath()).isEqualTo("/oauth2/jwks");
            var groupRoles = Pattern.compile("GROUP_ROLES='([^']*)'").matcher(platform);
            assertThat(groupRoles.find()).isTrue();
            assertThat(environment)
                    .as(service + ": the same group mapping as ./platform")
                    .containsEntry("SPRING_APPLICATION_JSON", groupRoles.group(1));
        }
    }

    @Test
    void everyPortIsThePortOfPlatformUp() {
        for (String name :
                List.of(
                        "dev-identity",
                        "dev-mail",
                        "zipkin",
                        "command-side",
                        "query-side",
                        "ai-worker")) {
            String port = platformPort(name);
            assertThat(ports(name))
                    .as(name + " published as by ./platform up")
                    .contains(port + ":" + port);
        }
        var smtp = Pattern.compile("SMTP_PORT=\"\\$\\{AIC_SMTP_PORT:-(\\d+)}\"").matcher(platform);
        assertThat(smtp.find()).as("./platform's SMTP port").isTrue();
        assertThat(ports("dev-mail"))
                .as("SMTP published")
                .contains(smtp.group(1) + ":" + smtp.group(1));
        assertThat(environment("command-side"))
                .as("the command-side mails the development mail server")
                .containsEntry("AIC_SMTP_HOST", "dev-mail")
                .containsEntry("AIC_SMTP_PORT", smtp.group(1));
        for (String service : SERVICES) {
            String variable = "AIC_" + service.toUpperCase().replace('-', '_') + "_PORT";
            assertThat(environment(service))
                    .as(service + " listens where it is published")
                    .containsEntry(variable, platformPort(service));
        }
    }

    /**
     * ./platform up stores uploads in one directory on the filesystem; compose shares one volume
     * the same way.
     */
    @Test
    void theContentStoreIsTheFilesystemOnOneVolumeThatOnlyTheCommandSideWrites() {
        for (String service : SERVICES) {
            var environment = environment(service);
            assertThat(environment.getOrDefault("AIC_DOCUMENTS_STORE", "filesystem"))
                    .as(service + " content store")
                    .isEqualTo("filesystem");
            String directory = environment.get("AIC_CONTENT_DIR");
            assertThat(directory).as(service + " AIC_CONTENT_DIR").isNotBlank();
            String mount =
                    volumes(service).stream()
                            .filter(volume -> volume.startsWith("content:" + directory))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    service
                                                            + " mounts no volume content at "
                                                            + directory));
            assertThat(mount.endsWith(":ro"))
                    .as(service + " " + mount + " read-only")
                    .isEqualTo(!service.equals("command-side"));
        }
    }

    /**
     * Analysts' Dashboards run at the version of the OpenSearch beside them, against it, and get
     * the saved objects of deploy/dashboards/ from a one-shot import that waits for Dashboards'
     * status to turn green.
     */
    @Test
    @SuppressWarnings("unchecked")
    void dashboardsRunAtOpenSearchsVersionAndImportTheSavedObjectsOnceTheyAreGreen() {
        String openSearch = String.valueOf(services.get("opensearch").get("image"));
        String version = openSearch.substring(openSearch.indexOf(':') + 1);
        assertThat(openSearch).startsWith("opensearchproject/opensearch:");
        assertThat(services.get("dashboards"))
                .as("dashboards")
                .containsEntry("image", "opensearchproject/opensearch-dashboards:" + version);
        assertThat(environment("dashboards").get("OPENSEARCH_HOSTS"))
                .as("Dashboards read the compose OpenSearch")
                .contains("http://opensearch:9200");
        assertThat((Map<String, Object>) services.get("dashboards").get("depends_on"))
                .containsEntry("opensearch", Map.of("condition", "service_healthy"));
        assertThat(ports("dashboards")).contains("55601:5601");
        String health =
                String.valueOf(
                        ((Map<String, Object>) services.get("dashboards").get("healthcheck"))
                                .get("test"));
        assertThat(health)
                .as("healthy once the status API is green")
                .contains("http://localhost:5601/api/status", "\"state\":\"green\"");

        Map<String, Object> importer = services.get("dashboards-import");
        assertThat(importer).as("the one-shot import").isNotNull();
        assertThat(importer).containsEntry("restart", "no");
        assertThat((Map<String, Object>) importer.get("depends_on"))
                .containsEntry("dashboards", Map.of("condition", "service_healthy"));
        String mount =
                volumes("dashboards-import").stream()
                        .filter(volume -> volume.startsWith("./deploy/dashboards:"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("deploy/dashboards is not mounted"));
        String inside = mount.split(":")[1];
        List<String> call = new java.util.ArrayList<>();
        call.addAll(
                ((List<Object>) importer.get("entrypoint")).stream().map(String::valueOf).toList());
        call.addAll(
                ((List<Object>) importer.get("command")).stream().map(String::valueOf).toList());
        assertThat(call)
                .as("curl POSTs the file to the saved objects API")
                .startsWith("curl")
                .contains(
                        "POST",
                        "http://dashboards:5601/api/saved_objects/_import?overwrite=true",
                        "osd-xsrf: true");
        String file =
                call.stream()
                        .filter(argument -> argument.startsWith("file=@"))
                        .findFirst()
                        .orElseThrow()
                        .substring("file=@".length());
        assertThat(file).startsWith(inside + "/");
        assertThat(REPO.resolve("deploy/dashboards").resolve(file.substring(inside.length() + 1)))
                .as("the imported file is the repository's")
                .isRegularFile();
    }

    private String platformPort(String name) {
        var matcher =
                Pattern.compile(
                                "\\["
                                        + Pattern.quote(name)
                                        + "]=\"\\$\\{AIC_[A-Z_]+_PORT:-(\\d+)}\"")
                        .matcher(platform);
        assertThat(matcher.find()).as("./platform's port of " + name).isTrue();
        return matcher.group(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        assertThat(services).as("compose service " + service).containsKey(service);
        var environment = new LinkedHashMap<String, String>();
        ((Map<String, Object>) services.get(service).getOrDefault("environment", Map.of()))
                .forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private List<String> ports(String service) {
        assertThat(services).as("compose service " + service).containsKey(service);
        return ((List<Object>) services.get(service).getOrDefault("ports", List.of()))
                .stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> volumes(String service) {
        return ((List<Object>) services.get(service).getOrDefault("volumes", List.of()))
                .stream().map(String::valueOf).toList();
    }

    /**
     * A service listens on a port it publishes, on its own port setting, or on the port its image
     * is known for.
     */
    private boolean listens(String service, int port) {
        var known = Map.of("postgres", 5432, "kafka", 9092, "opensearch", 9200);
        return port == known.getOrDefault(service, -1)
                || ports(service).stream().anyMatch(mapping -> mapping.endsWith(":" + port))
                || environment(service).entrySet().stream()
                        .anyMatch(
                                entry ->
                                        entry.getKey().endsWith("_PORT")
                                                && entry.getValue().equals(String.valueOf(port)));
    }

    /**
     * Every AIC_* placeholder of the service's configuration files, with its default (null: none).
     */
    private static Map<String, String> placeholders(String service) throws IOException {
        var found = new HashMap<String, String>();
        try (var files = Files.list(REPO.resolve(service).resolve("src/main/resources"))) {
            for (Path file :
                    files.filter(
                                    path ->
                                            path.getFileName()
                                                    .toString()
                                                    .matches("application.*\\.ya?ml"))
                            .toList()) {
                PLACEHOLDER
                        .matcher(Files.readString(file))
                        .results()
                        .forEach(
                                match ->
                                        found.merge(
                                                match.group(1),
                                                match.group(2) == null ? "\u0000" : match.group(2),
                                                (first, second) ->
                                                        first.equals("\u0000")
                                                                        || second.equals("\u0000")
                                                                ? "\u0000"
                                                                : first));
            }
        }
        found.replaceAll((name, value) -> value.equals("\u0000") ? null : value);
        return found;
    }
}
