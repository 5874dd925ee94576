package dev.aic.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ClosingConnectionsFilterTest {

    private final ClosingConnectionsFilter filter = new ClosingConnectionsFilter();

    @Test
    void aRunningServiceKeepsConnectionsOpen() throws Exception {
        var response = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("POST", "/api/me"), response, new MockFilterChain());
        assertThat(response.getHeader("Connection")).isNull();
    }

    @Test
    void aResponseSentAfterShutdownBeganAnnouncesTheConnectionCloses() throws Exception {
        filter.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        var response = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("POST", "/api/me"), response, new MockFilterChain());
        assertThat(response.getHeader("Connection")).isEqualTo("close");
    }

    @Test
    void aResponseCommittedInsideTheChainStillAnnouncesIt() throws Exception {
        filter.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        var response = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("GET", "/api/documents/1/content"),
                response,
                (request, committing) -> {
                    committing.getOutputStream().write(new byte[] {1, 2, 3});
                    committing.flushBuffer();
                });
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getHeader("Connection")).isEqualTo("close");
    }
}
