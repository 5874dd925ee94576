package dev.aic.queryside.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.testsupport.DevIdentity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The insights page's files are served to anyone, with a Content-Security-Policy that allows only
 * the service's own scripts and the identity provider; the figures stay behind the API's roles (the
 * page in a browser: system-tests' InsightsPageIT).
 */
@QuerySideIntegrationTest
class InsightsPageFilesIT {

    @Autowired TestRestTemplate http;

    @Test
    void thePageAndItsChartLibraryNeedNoTokenAndCarryTheirPolicy() {
        String provider = DevIdentity.start().issuerUri();

        ResponseEntity<String> page = http.getForEntity("/insights/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(page.getBody()).contains("<script src=\"insights.js\" defer></script>");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
                .startsWith("default-src 'none'; script-src 'self'; style-src 'self';")
                .contains("connect-src 'self' " + provider + ";")
                .contains("frame-ancestors 'none'");

        for (String file :
                new String[] {
                    "/insights/insights.js",
                    "/insights/insights.css",
                    "/insights/icon.svg",
                    "/webjars/echarts/dist/echarts.min.js"
                }) {
            ResponseEntity<String> served = http.getForEntity(file, String.class);
            assertThat(served.getStatusCode()).as(file).isEqualTo(HttpStatus.OK);
            assertThat(served.getHeaders().getFirst("Content-Security-Policy"))
                    .as(file)
                    .isNotNull();
        }
    }

    @Test
    void theBarePathLeadsToThePage() {
        ResponseEntity<String> bare = http.getForEntity("/insights", String.class);

        assertThat(bare.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bare.getBody()).contains("<title>AIC insights</title>");
    }

    @Test
    void thePageLearnsWhereToSignIn() {
        ResponseEntity<Map> signIn = http.getForEntity("/insights/sign-in", Map.class);

        assertThat(signIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(signIn.getBody())
                .containsEntry("issuer", DevIdentity.start().issuerUri())
                .containsEntry("scope", "openid")
                // the tests run the development profile: the development provider's browser client
                .containsEntry("clientId", "aic-swagger");
    }

    @Test
    void theFiguresStillNeedAToken() {
        ResponseEntity<String> figures =
                http.getForEntity("/api/analytics/funnels/attendance", String.class);

        assertThat(figures.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void nothingButReadingIsOpen() {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> posted =
                http.postForEntity(
                        "/insights/sign-in", new HttpEntity<>("{}", headers), String.class);

        assertThat(posted.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.UNAUTHORIZED);
    }
}
