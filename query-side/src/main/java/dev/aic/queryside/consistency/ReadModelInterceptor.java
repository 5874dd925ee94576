package dev.aic.queryside.consistency;

import dev.aic.web.http.ApiHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes for every endpoint that declares its {@link ReadModel}s: with a
 * {@code Consistency-Token} the request waits, up to {@code aic.consistency.max-wait}, until those read
 * models have processed that position, then runs as usual; past the bound it answers {@code 202} with
 * {@code Retry-After}. The caller is looked up again after a wait, so a request right after the
 * caller's own registration or role change is authorised by it.
 */
@Component
class ReadModelInterceptor implements HandlerInterceptor {

    /** A non-negative decimal that fits a long: global positions are sequence values. */
    private static final Pattern POSITION = Pattern.compile("\\d{1,19}");

    private final ConsistencyGate gate;
    private final ReadModels readModels;
    private final CallerRefresh callers;

    ReadModelInterceptor(ConsistencyGate gate, ReadModels readModels, CallerRefresh callers) {
        this.gate = gate;
        this.readModels = readModels;
        this.callers = callers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String token = request.getHeader(ApiHeaders.CONSISTENCY_TOKEN);
        Set<ReadModel> declared = AnnotatedElementUtils.findMergedRepeatableAnnotations(method.getMethod(),
                ReadModel.class);
        if (token == null || declared.isEmpty()) {
            return true;
        }
        long position = parse(token);
        Set<String> processors = readModels.processorsOf(groups(declared, request));
        if (!gate.await(processors, position)) {
            throw new NotYetConsistentException(position, gate.maxWait());
        }
        callers.refresh();
        return true;
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
            boolean applies = (model.ifParameter().isEmpty() || present(request, model.ifParameter()))
                    && (model.unlessParameter().isEmpty() || !present(request, model.unlessParameter()));
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
