package dev.aic.systemtests.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * deploy/terraform read with an HCL parser (hcl4j), without Terraform's providers, which cannot be
 * downloaded here: the resources and variables of the root module and of every module under
 * modules/. References stay text ("var.name-postgres"), literals are typed (true, 5432.0).
 */
final class TerraformConfiguration {

    static final Path ROOT = Path.of("..", "deploy", "terraform");

    /** One resource block; its module is "" for the root. */
    record Resource(String module, String type, String name, Map<String, Object> attributes) {

        Object attribute(String... path) {
            Object value = attributes;
            for (String key : path) {
                if (value instanceof List<?> list && list.size() == 1) {
                    value = list.get(0);
                }
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(key);
            }
            return value;
        }

        @Override
        public String toString() {
            return (module.isEmpty() ? "" : "module " + module + ": ") + type + "." + name;
        }
    }

    private final List<Resource> resources = new ArrayList<>();
    private final List<Resource> dataSources = new ArrayList<>();
    private final Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> moduleBlocks = new LinkedHashMap<>();

    static TerraformConfiguration read() throws IOException {
        var configuration = new TerraformConfiguration();
        try (var files = Files.walk(ROOT)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".tf")).sorted().toList()) {
                configuration.add(moduleOf(file), parse(file));
            }
        }
        return configuration;
    }

    private static String moduleOf(Path file) {
        Path relative = ROOT.relativize(file);
        return relative.getNameCount() > 2 && relative.getName(0).toString().equals("modules")
                ? relative.getName(1).toString()
                : "";
    }

    // hcl4j prints its tracing to standard output; the test's output stays readable without it
    private static synchronized Map<String, Object> parse(Path file) throws IOException {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return new HCLParser().parse(file.toFile(), StandardCharsets.UTF_8.name());
        } catch (Exception e) {
            throw new IOException("cannot parse " + file, e);
        } finally {
            System.setOut(out);
        }
    }

    @SuppressWarnings("unchecked")
    private void add(String module, Map<String, Object> file) {
        var blocks = (Map<String, Map<String, Object>>) file.getOrDefault("resource", Map.of());
        blocks.forEach(
                (type, named) ->
                        named.forEach(
                                (name, attributes) ->
                                        resources.add(
                                                new Resource(
                                                        module,
                                                        type,
                                                        name,
                                                        (Map<String, Object>) attributes))));
        var data = (Map<String, Map<String, Object>>) file.getOrDefault("data", Map.of());
        data.forEach(
                (type, named) ->
                        named.forEach(
                                (name, attributes) ->
                                        dataSources.add(
                                                new Resource(
                                                        module,
                                                        type,
                                                        name,
                                                        (Map<String, Object>) attributes))));
        if (module.isEmpty()) {
            variables.putAll(
                    (Map<String, Map<String, Object>>) file.getOrDefault("variable", Map.of()));
            moduleBlocks.putAll(
                    (Map<String, Map<String, Object>>) file.getOrDefault("module", Map.of()));
        }
    }

    List<Resource> resources(String type) {
        return resources.stream().filter(resource -> resource.type().equals(type)).toList();
    }

    /** The data blocks of one type ("aws_iam_policy_document"), in every module. */
    List<Resource> dataSources(String type) {
        return dataSources.stream().filter(source -> source.type().equals(type)).toList();
    }

    List<Resource> all() {
        return List.copyOf(resources);
    }

    /** The inputs of every module block in the root whose source is modules/{directory}. */
    List<Map<String, Object>> moduleUses(String directory) {
        return moduleBlocks.values().stream()
                .filter(block -> ("./modules/" + directory).equals(block.get("source")))
                .toList();
    }

    /**
     * The text of one top-level block of a root file, from its header (data
     * "aws_iam_policy_document" "read_secrets") to its closing brace: for what hcl4j cannot
     * evaluate, such as a list built with concat() or a for expression.
     */
    static String blockText(String file, String header) throws IOException {
        String text = Files.readString(ROOT.resolve(file));
        int start = text.indexOf("\n" + header + " {");
        if (start < 0) {
            throw new AssertionError(file + " has no block " + header);
        }
        int end = text.indexOf("\n}", start + 1);
        return text.substring(start + 1, end < 0 ? text.length() : end + 2);
    }

    Optional<Map<String, Object>> rootVariable(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
