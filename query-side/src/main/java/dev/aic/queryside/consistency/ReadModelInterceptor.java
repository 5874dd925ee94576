package dev.aic.queryside.consistency;

import dev.aic.web.http.ApiHeaders;
import dev.aic.web.security.Caller;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes for every endpoint that declares its {@link ReadModel}s: with a {@code
 * Consistency-Token} the request waits, up to {@code aic.consistency.max-wait}, until those read
 * models have processed that position, then runs as usual; past the bound it answers {@code 202}
 * with {@code Retry-After}. The caller is looked up again after a wait, so a request right after
 * the caller's own registration is recognised as theirs.
 *
 * <p>Nobody waits who could not be answered: the endpoint's {@code @PreAuthorize} is checked before
 * the wait (a 403 costs nothing and tells nothing about the store's head). The wait itself holds no
 * request thread: the request goes asynchronous and is dispatched again when the gate's future
 * completes.
 */
@Component
class ReadModelInterceptor implements HandlerInterceptor {

    /** A non-negative decimal that fits a long: global positions are sequence values. */
    private static final Pattern POSITION = Pattern.compile("\\d{1,19}");

    /** Set on the request before it is dispatched again: whether the wait reached the position. */
    private static final String REACHED = ReadModelInterceptor.class.getName() + ".reached";

    /**
     * How much longer than the gate's own deadline the container lets an asynchronous request live.
     */
    private static final long CONTAINER_TIMEOUT_SLACK_MS = 5_000;

    private final ConsistencyGate gate;
    private final ReadModels readModels;
    private final CallerRefresh callers;
    private final PreAuthorizeAuthorizationManager preAuthorize =
            new PreAuthorizeAuthorizationManager();

    ReadModelInterceptor(ConsistencyGate gate, ReadModels readModels, CallerRefresh callers) {
        this.gate = gate;
        this.readModels = readModels;
        this.callers = callers;
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String token = request.getHeader(ApiHeaders.CONSISTENCY_TOKEN);
        Set<ReadModel> declared =
                AnnotatedElementUtils.findMergedRepeatableAnnotations(
                        method.getMethod(), ReadModel.class);
        if (token == null || declared.isEmpty()) {
            return true;
        }
        long position = parse(token);
        Object reached = request.getAttribute(REACHED);
        if (reached != null) {
            return proceed((Boolean) reached, position);
        }
        authoriseFirst(method);
        Set<String> processors = readModels.processorsOf(groups(declared, request));
        CompletableFuture<Boolean> outcome = gate.await(callerKey(), processors, position);
        if (outcome.isDone()) {
            return proceed(outcome.join(), position);
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(gate.maxWait().toMillis() + CONTAINER_TIMEOUT_SLACK_MS);
        async.addListener(
                new AsyncListener() {
                    @Override
                    public void onTimeout(AsyncEvent event) {
                        outcome.complete(false);
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        outcome.complete(false);
                    }

                    @Override
                    public void onComplete(AsyncEvent event) {
                        outcome.complete(false);
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
        outcome.thenAccept(
                done -> {
                    request.setAttribute(REACHED, done);
                    try {
                        async.dispatch();
                    } catch (IllegalStateException clientGone) {
                        // the client went away or the container timed the request out: there is
                        // nobody to answer
                    }
                });
        return false;
    }

    private boolean proceed(boolean reached, long position) {
        if (!reached) {
            throw new NotYetConsistentException(position, gate.maxWait());
        }
        callers.refresh();
        return true;
    }

    /**
     * The endpoint's own {@code @PreAuthorize}, evaluated now with the roles the caller holds now.
     */
    private void authoriseFirst(HandlerMethod method) {
        var invocation =
                new SimpleMethodInvocation(
                        method.getBean(),
                        method.getMethod(),
                        new Object[method.getMethod().getParameterCount()]);
        AuthorizationResult decision =
                preAuthorize.authorize(
                        () -> SecurityContextHolder.getContext().getAuthentication(), invocation);
        if (decision != null && !decision.isGranted()) {
            throw new AccessDeniedException("Access Denied");
        }
    }

    private static String callerKey() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? caller.key()
                : String.valueOf(authentication == null ? null : authentication.getName());
    }

    static long parse(String token) {
        String trimmed = token.trim();
        if (!POSITION.matcher(trimmed).matches()) {
            throw new InvalidConsistencyTokenException();
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidConsistencyTokenException();
        }
    }

    private static Set<String> groups(Set<ReadModel> declared, HttpServletRequest request) {
        Set<String> groups = new LinkedHashSet<>();
        for (ReadModel model : declared) {
            boolean applies =
                    (model.ifParameter().isEmpty() || present(request, model.ifParameter()))
                            && (model.unlessParameter().isEmpty()
                                    || !present(request, model.unlessParameter()));
            if (applies) {
                groups.addAll(List.of(model.value()));
            }
        }
        return groups;
    }

    private static boolean present(HttpServletRequest request, String parameter) {
        String value = request.getParameter(parameter);
        return value != null && !value.isBlank();
    }
}
