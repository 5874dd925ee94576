package dev.aic.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/configuration.md is the one table of each service's settings: every environment variable a
 * service's {@code application.yml} reads is listed there under the property it sets, with the same
 * default.
 */
class ConfigurationReferenceTest {

    private static final Path REPO = Path.of("..");
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{(AIC_[A-Z0-9_]+)(?::((?:[^{}]|\\$\\{[^}]*})*))?}");
    private static final Pattern KEY =
            Pattern.compile("(\\s*)(?:-\\s+)?(\"[^\"]+\"|[A-Za-z0-9_.\\-\\[\\]]+):(?:\\s+(.*))?");

    /**
     * One setting read from the environment: the property it sets, its variable, its default (null:
     * none).
     */
    record Setting(String property, String variable, String fallback) {

        String row() {
            String shown =
                    fallback == null
                            ? "none: required"
                            : fallback.isEmpty()
                                    ? "(empty)"
                                    : "`" + fallback.replace("|", "\\|") + "`";
            return "| `" + property + "` | `" + variable + "` | " + shown + " |";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side", "ai-worker", "dev-identity"})
    void everySettingAServiceReadsFromTheEnvironmentIsInItsTableWithItsDefault(String service)
            throws IOException {
        List<Setting> settings =
                settings(REPO.resolve(service).resolve("src/main/resources/application.yml"));
        String table = section(Files.readString(REPO.resolve("docs/configuration.md")), service);

        assertThat(settings).as(service + " reads settings from the environment").isNotEmpty();
        for (Setting setting : settings) {
            assertThat(table).as("docs/configuration.md, " + service).contains(setting.row());
        }
    }

    static List<Setting> settings(Path applicationYml) throws IOException {
        List<Setting> settings = new ArrayList<>();
        Deque<String[]> path = new ArrayDeque<>(); // {indent, key}
        for (String line : Files.readAllLines(applicationYml)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher key = KEY.matcher(line);
            String value = line;
            if (key.matches()) {
                int indent = key.group(1).length();
                while (!path.isEmpty() && Integer.parseInt(path.peekLast()[0]) >= indent) {
                    path.removeLast();
                }
                path.addLast(
                        new String[] {Integer.toString(indent), key.group(2).replace("\"", "")});
                value = key.group(3) == null ? "" : key.group(3);
            }
            String property = String.join(".", path.stream().map(entry -> entry[1]).toList());
            Matcher placeholder = PLACEHOLDER.matcher(value);
            while (placeholder.find()) {
                settings.add(new Setting(property, placeholder.group(1), placeholder.group(2)));
            }
        }
        return settings;
    }

    private static String section(String document, String service) {
        int start = document.indexOf("\n## " + service + "\n");
        assertThat(start)
                .as("a section ## " + service + " in docs/configuration.md")
                .isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        return document.substring(start, end < 0 ? document.length() : end);
    }
}
