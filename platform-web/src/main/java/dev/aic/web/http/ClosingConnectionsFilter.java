package dev.aic.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once the service is shutting down, every response it still sends says {@code Connection: close}.
 * Tomcat's graceful shutdown lets the requests in progress finish and then closes their
 * connections, but their responses announced nothing of it: a client that reused such a connection
 * for its next command had it reset under it, not knowing whether the command was taken
 * (GracefulShutdownFaultIT saw 3 of 336). Told, the client opens a new connection instead, which
 * the stopping service refuses at once: an unambiguous "not sent".
 */
public class ClosingConnectionsFilter extends OncePerRequestFilter
        implements ApplicationListener<ContextClosedEvent> {

    private volatile boolean closing;

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the header must be in place before the response is committed, whenever that is: during
        // the chain (a
        // flush, a full buffer) or after it
        var closingAware =
                new OnCommittedResponseWrapper(response) {
                    @Override
                    protected void onResponseCommitted() {
                        announceClose(response);
                    }
                };
        chain.doFilter(request, closingAware);
        if (!response.isCommitted()) {
            announceClose(response);
        }
    }

    private void announceClose(HttpServletResponse response) {
        if (closing && !response.isCommitted()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }
}
