package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The analysts' insights page (docs/analytics.md) in a real headless browser: members register, a
 * community event is drafted with tags, RSVPed past its capacity and an attendee checked in, a
 * document is uploaded and found, and a search finds nothing; then an analyst signs in through the
 * page and the development provider's login form, and every chart must show data, with nothing in
 * red on the console (a Content-Security-Policy violation shows there). A member who signs in is
 * told that the figures are not for them.
 *
 * <p>Screenshots go to {@code target/insights-*.png}, and to {@code docs/images/} with {@code
 * -Daic.docs.screenshots=true}.
 */
class InsightsPageIT {

    private static final Duration SIGN_IN_WITHIN = Duration.ofSeconds(30);
    private static final Duration FIGURES_WITHIN = Duration.ofSeconds(60);

    /** Every chart's series, its values and its category labels, as ECharts holds them. */
    private static final String CHARTS =
            """
            if (typeof echarts === 'undefined') {
                return [];
            }
            return Array.from(document.querySelectorAll('[data-chart]')).map(function (element) {
                var chart = echarts.getInstanceByDom(element);
                var option = chart ? chart.getOption() : {series: []};
                return {
                    id: element.id,
                    series: option.series.map(function (series) {
                        return {name: series.name, values: series.data.map(function (point) {
                            return typeof point === 'object' ? point.value : point;
                        })};
                    })
                };
            });
            """;

    /** Hovers every chart's first point, so its tooltip draws, as a user's mouse would. */
    private static final String HOVER_EVERY_CHART =
            """
            document.querySelectorAll('[data-chart]').forEach(function (element) {
                echarts.getInstanceByDom(element)
                    .dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
            });
            """;

    private final Platform platform = Platform.shared();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAnalystSignsInAndSeesEveryChartWithData() {
        Activity activity = membersUseThePlatform();
        awaitFiguresInTheApi(activity);

        try (Browser browser = Browser.headless()) {
            WebDriver page = browser.driver();
            signIn(browser, "anna");
            await("every chart drawn")
                    .atMost(FIGURES_WITHIN)
                    .until(() -> charts(browser).stream().allMatch(Chart::hasSeries));

            assertThat(page.findElement(By.id("who")).getText())
                    .isEqualTo("Signed in as Anna Analyst");
            assertThat(page.findElement(By.id("message")).getText()).isEmpty();
            Map<String, Chart> charts = new LinkedHashMap<>();
            charts(browser).forEach(chart -> charts.put(chart.id(), chart));
            assertThat(charts.keySet())
                    .containsExactly(
                            "members-registered",
                            "community-events-created",
                            "searches",
                            "top-search-queries",
                            "top-zero-result-queries",
                            "top-community-event-tags",
                            "attendance-funnel");
            for (Chart chart : charts.values()) {
                for (Series series : chart.series()) {
                    assertThat(series.total()).as(chart.id() + " / " + series.name()).isPositive();
                }
            }
            // at least what this test did, whatever other tests of the run added
            assertThat(charts.get("members-registered").series("count").total())
                    .isGreaterThanOrEqualTo(activity.members());
            assertThat(charts.get("searches").series("all").total())
                    .isGreaterThanOrEqualTo(activity.searches());
            assertThat(charts.get("searches").series("found nothing").total())
                    .isGreaterThanOrEqualTo(activity.searchesThatFoundNothing());
            assertThat(charts.get("attendance-funnel").series("attendance").values())
                    .hasSize(3)
                    .allSatisfy(value -> assertThat(value).isPositive());

            browser.screenshot(screenshots("insights-analyst.png"));
            browser.driver().executeScript(HOVER_EVERY_CHART);
            browser.screenshot(Path.of("target", "insights-analyst-tooltips.png"));
            assertThat(browser.consoleErrors()).as("the browser console's errors").isEmpty();
        }
    }

    @Test
    void aMemberWhoSignsInIsToldTheFiguresAreNotForThem() {
        String member = "insights-member-" + suffix;
        register(platform.token(member));

        try (Browser browser = Browser.headless()) {
            WebDriver page = browser.driver();
            signIn(browser, member);
            WebElement message = page.findElement(By.id("message"));
            await("the refusal")
                    .atMost(SIGN_IN_WITHIN)
                    .until(() -> message.getText().startsWith("Not allowed"));

            assertThat(message.getText()).contains(member).contains("ANALYST");
            assertThat(page.findElement(By.id("charts")).isDisplayed()).isFalse();
            browser.screenshot(screenshots("insights-member-refused.png"));
            // the only errors: the analytics API's refusals, which Chromium logs as failed loads
            assertThat(browser.consoleErrors())
                    .isNotEmpty()
                    .allSatisfy(
                            error -> assertThat(error).contains("/api/analytics/").contains("403"));
        }
    }

    /** From the page's sign-in button through the provider's login form back to the page. */
    private void signIn(Browser browser, String username) {
        WebDriver page = browser.driver();
        page.get(platform.querySide().url("/insights").toString());
        WebElement button = page.findElement(By.id("sign-in"));
        await("the sign-in button").atMost(SIGN_IN_WITHIN).until(button::isDisplayed);
        assertThat(browser.consoleErrors()).as("console errors before signing in").isEmpty();
        button.click();
        await("the provider's login form")
                .atMost(SIGN_IN_WITHIN)
                .until(() -> page.getCurrentUrl().startsWith(platform.identity().issuerUri()));
        page.findElement(By.id("username")).sendKeys(username);
        page.findElement(By.id("password")).sendKeys("dev-secret");
        page.findElement(By.cssSelector("button[type=submit]")).click();
        await("back on the insights page")
                .atMost(SIGN_IN_WITHIN)
                .until(
                        () ->
                                page.getCurrentUrl()
                                        .equals(platform.querySide().url("/insights/").toString()));
    }

    private Activity membersUseThePlatform() {
        String organiser = platform.token("olivia");
        register(organiser);
        List<String> members = new ArrayList<>();
        List<String> memberIds = new ArrayList<>();
        for (String name : List.of("ada", "grace", "edsger")) {
            String token = platform.token("insights-" + name + "-" + suffix);
            members.add(token);
            memberIds.add(register(token));
        }

        String event =
                CommunityEvents.published(
                        platform,
                        organiser,
                        "Insights evening",
                        2,
                        List.of("analytics", "insights-" + suffix));
        // two seats, three RSVPs: the third waits
        for (String member : members) {
            Http.Reply rsvp =
                    Http.to(platform.commandSide().url("/api/events/" + event + "/rsvp"))
                            .bearer(member)
                            .sendJson("POST", null);
            assertThat(rsvp.status()).as(rsvp.toString()).isBetween(200, 201);
        }
        Http.Reply checkedIn =
                Http.to(platform.commandSide().url("/api/events/" + event + "/check-ins"))
                        .bearer(organiser)
                        .post("{\"userId\":\"" + memberIds.get(0) + "\"}");
        assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);

        String reader = members.get(1);
        String document = upload(reader);
        awaitIndexed(reader, document);
        String nothing = "submarine choir " + suffix;
        for (int i = 0; i < 3; i++) {
            assertThat(search(reader, "lighthouse keepers").get("results").size()).isPositive();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(search(reader, nothing).get("results").size()).isZero();
        }
        return new Activity(members.size(), 5, 2, nothing);
    }

    /** The API's figures include this test's activity before the page is opened. */
    private void awaitFiguresInTheApi(Activity activity) {
        String analyst = platform.token("anna");
        await("the analytics API counts this test's activity")
                .atMost(FIGURES_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> {
                            JsonNode funnel = analytics(analyst, "funnels/attendance");
                            assertThat(funnel.get("checkedIn").asInt()).isPositive();
                            JsonNode tags = analytics(analyst, "top/community-event-tags?size=100");
                            assertThat(tags.findValuesAsText("value"))
                                    .contains("insights-" + suffix);
                            JsonNode nothing =
                                    analytics(analyst, "top/zero-result-queries?size=100");
                            assertThat(nothing.findValuesAsText("value"))
                                    .contains(activity.queryThatFoundNothing());
                        });
    }

    private JsonNode analytics(String token, String path) {
        Http.Reply reply =
                Http.to(platform.querySide().url("/api/analytics/" + path)).bearer(token).get();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** The member's user id, registering them if this run has not yet. */
    private String register(String token) {
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/me")).bearer(token).post("{}");
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
        JsonNode body = registered.json();
        return registered.status() == 409 ? body.get("userId").asText() : body.get("id").asText();
    }

    private String upload(String token) {
        Http.Reply uploaded =
                Http.to(platform.commandSide().url("/api/documents"))
                        .bearer(token)
                        .multipart(
                                "POST",
                                Map.of("title", "Lighthouse notes", "visibility", "MEMBERS"),
                                "lighthouse.md",
                                "# Lighthouses\n\nLighthouse keepers trimmed the wicks every night.\n"
                                        .getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("id").asText();
    }

    private void awaitIndexed(String token, String document) {
        await("document " + document + " indexed")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            Http.Reply read =
                                    Http.to(platform.querySide().url("/api/documents/" + document))
                                            .bearer(token)
                                            .get();
                            return read.status() == 200
                                    && "INDEXED"
                                            .equals(
                                                    read.json()
                                                            .path("processing")
                                                            .path("status")
                                                            .asText());
                        });
    }

    private JsonNode search(String token, String query) {
        Http.Reply found =
                Http.to(
                                platform.querySide()
                                        .url(
                                                "/api/search?mode=fulltext&q="
                                                        + URLEncoder.encode(
                                                                query, StandardCharsets.UTF_8)))
                        .bearer(token)
                        .get();
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Chart> charts(Browser browser) {
        var drawn = (List<Map<String, Object>>) browser.driver().executeScript(CHARTS);
        return drawn.stream().map(Chart::of).toList();
    }

    /** target/, and docs/images/ when asked to refresh the documentation's pictures. */
    private static Path[] screenshots(String name) {
        Path target = Path.of("target", name);
        if (!Boolean.getBoolean("aic.docs.screenshots")) {
            return new Path[] {target};
        }
        Path docs = Path.of(System.getProperty("aic.services.dir", ".."), "docs", "images", name);
        return new Path[] {target, docs};
    }

    private record Activity(
            int members,
            int searches,
            int searchesThatFoundNothing,
            String queryThatFoundNothing) {}

    private record Series(String name, List<Double> values) {

        double total() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private record Chart(String id, List<Series> series) {

        @SuppressWarnings("unchecked")
        static Chart of(Map<String, Object> drawn) {
            var series = (List<Map<String, Object>>) drawn.get("series");
            return new Chart(
                    (String) drawn.get("id"), series.stream().map(Chart::seriesOf).toList());
        }

        @SuppressWarnings("unchecked")
        private static Series seriesOf(Map<String, Object> drawn) {
            var values = (List<Object>) drawn.get("values");
            return new Series(
                    (String) drawn.get("name"),
                    values.stream()
                            .map(value -> value instanceof Number number ? number.doubleValue() : 0)
                            .map(Number::doubleValue)
                            .toList());
        }

        boolean hasSeries() {
            return !series.isEmpty() && series.stream().noneMatch(one -> one.values().isEmpty());
        }

        Series series(String name) {
            return series.stream()
                    .filter(one -> name.equals(one.name()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(id + " has no series " + name));
        }
    }
}
