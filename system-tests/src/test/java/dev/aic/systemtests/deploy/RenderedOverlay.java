package dev.aic.systemtests.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One kustomize overlay of deploy/k8s as {@code kubectl kustomize} renders it, read into typed
 * objects: what the cluster would be given, without a cluster. {@link KubernetesObjects} holds the
 * types.
 */
final class RenderedOverlay {

    static final Path OVERLAYS = Path.of("..", "deploy", "k8s", "overlays");

    private static final ObjectMapper YAML =
            YAMLMapper.builder(new YAMLFactory())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final String name;
    private final List<JsonNode> objects;

    private RenderedOverlay(String name, List<JsonNode> objects) {
        this.name = name;
        this.objects = objects;
    }

    /** The overlays on disk, so that a new one is checked without being named here. */
    static List<String> names() throws IOException {
        try (var dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    static RenderedOverlay render(String overlay) throws IOException, InterruptedException {
        var process =
                new ProcessBuilder("kubectl", "kustomize", OVERLAYS.resolve(overlay).toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(
                    "kubectl kustomize " + overlay + " failed (deploy/check installs kubectl)");
        }
        var objects = new ArrayList<JsonNode>();
        try (var parser =
                YAML.getFactory().createParser(new String(output, StandardCharsets.UTF_8))) {
            YAML.readValues(parser, JsonNode.class)
                    .forEachRemaining(
                            node -> {
                                if (node != null && !node.isEmpty()) {
                                    objects.add(node);
                                }
                            });
        }
        return new RenderedOverlay(overlay, objects);
    }

    String name() {
        return name;
    }

    boolean onAws() {
        return !name.equals("local");
    }

    <T> List<T> all(String kind, Class<T> type) {
        return objects.stream()
                .filter(node -> kind.equals(node.path("kind").asText()))
                .map(node -> JSON.convertValue(node, type))
                .toList();
    }

    <T> Optional<T> one(String kind, String objectName, Class<T> type) {
        return objects.stream()
                .filter(node -> kind.equals(node.path("kind").asText()))
                .filter(node -> objectName.equals(node.path("metadata").path("name").asText()))
                .findFirst()
                .map(node -> JSON.convertValue(node, type));
    }

    /**
     * The ConfigMap whose generated name starts with the given one (kustomize appends a content
     * hash).
     */
    Map<String, String> configMap(String generatedName) {
        Predicate<KubernetesObjects.ConfigMap> named =
                map -> map.metadata().name().matches(generatedName + "(-[a-z0-9]{10})?");
        return all("ConfigMap", KubernetesObjects.ConfigMap.class).stream()
                .filter(named)
                .findFirst()
                .map(KubernetesObjects.ConfigMap::data)
                .orElseThrow(
                        () -> new AssertionError(name + " renders no ConfigMap " + generatedName));
    }

    /**
     * The variables a container is given, by name: its envFrom's ConfigMaps with their values, its
     * envFrom's Secrets (generated, or made by an ExternalSecret) with null values, for only their
     * keys are in the manifests, then its env, which Kubernetes lets win.
     */
    Map<String, String> environment(KubernetesObjects.Container container) {
        var environment = new LinkedHashMap<String, String>();
        for (var source : container.envFrom()) {
            if (source.configMapRef() != null) {
                named("ConfigMap", source.configMapRef().name())
                        .forEach(
                                map ->
                                        map.path("data")
                                                .fields()
                                                .forEachRemaining(
                                                        entry ->
                                                                environment.put(
                                                                        entry.getKey(),
                                                                        entry.getValue()
                                                                                .asText())));
            }
            if (source.secretRef() != null) {
                String secret = source.secretRef().name();
                named("Secret", secret)
                        .forEach(
                                generated ->
                                        List.of("data", "stringData")
                                                .forEach(
                                                        field ->
                                                                generated
                                                                        .path(field)
                                                                        .fieldNames()
                                                                        .forEachRemaining(
                                                                                key ->
                                                                                        environment
                                                                                                .put(
                                                                                                        key,
                                                                                                        null))));
                objects.stream()
                        .filter(node -> "ExternalSecret".equals(node.path("kind").asText()))
                        .filter(
                                node ->
                                        secret.equals(
                                                node.path("spec")
                                                        .path("target")
                                                        .path("name")
                                                        .asText(
                                                                node.path("metadata")
                                                                        .path("name")
                                                                        .asText())))
                        .forEach(
                                external ->
                                        external.path("spec")
                                                .path("data")
                                                .forEach(
                                                        data ->
                                                                environment.put(
                                                                        data.path("secretKey")
                                                                                .asText(),
                                                                        null)));
            }
        }
        container.env().forEach(variable -> environment.put(variable.name(), variable.value()));
        return environment;
    }

    private List<JsonNode> named(String kind, String objectName) {
        return objects.stream()
                .filter(node -> kind.equals(node.path("kind").asText()))
                .filter(node -> objectName.equals(node.path("metadata").path("name").asText()))
                .toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
