package dev.aic.commandside.web;

import dev.aic.web.http.RequestIdFilter;
import dev.aic.web.security.CallerAuthentication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who asked for a command, through which client and request: the metadata a command is sent with and
 * that {@link AttributionCorrelation} copies onto every event it causes. Payloads never repeat it.
 */
public final class Attribution {

    /** The platform user id of the caller; absent for a caller not registered yet, or nobody. */
    public static final String ACTOR_ID = "actorId";
    /** The caller as the identity provider names them, {@code <issuer>#<subject>}, or {@code anonymous}. */
    public static final String ACTOR_SUBJECT = "actorSubject";
    public static final String ACTOR_ROLES = "actorRoles";
    /** The OAuth client the caller used: the token's {@code azp} (Entra ID v2, Keycloak), {@code client_id}
     * (Cognito) or {@code appid} (Entra ID v1). */
    public static final String CLIENT = "client";
    public static final String REQUEST_ID = "requestId";
    /** The W3C trace id of the request's {@code traceparent}, when the client sent one. */
    public static final String TRACE_ID = "traceId";
    /** The command's name, e.g. {@code CommunityEventCommands.Rsvp}. */
    public static final String COMMAND = "command";
    static final List<String> KEYS = List.of(ACTOR_ID, ACTOR_SUBJECT, ACTOR_ROLES, CLIENT, REQUEST_ID, TRACE_ID, COMMAND);

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private Attribution() {
    }

    /** The metadata of {@code command}, sent now on behalf of the current request's caller. */
    static MetaData of(Object command) {
        Map<String, Object> data = new HashMap<>();
        data.put(COMMAND, name(command));
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication signedIn) {
            var caller = signedIn.getPrincipal();
            caller.userId().ifPresent(id -> data.put(ACTOR_ID, id.toString()));
            data.put(ACTOR_SUBJECT, caller.issuer() + "#" + caller.subject());
            data.put(ACTOR_ROLES, caller.roles().stream().map(Enum::name).sorted().toList());
            var token = signedIn.getCredentials();
            Stream.of("azp", "client_id", "appid").map(token::getClaimAsString).filter(Objects::nonNull).findFirst()
                    .ifPresent(client -> data.put(CLIENT, client));
        } else {
            data.put(ACTOR_SUBJECT, "anonymous");
        }
        RequestIdFilter.current().ifPresent(id -> data.put(REQUEST_ID, id));
        traceId().ifPresent(id -> data.put(TRACE_ID, id));
        return MetaData.from(data);
    }

    /**
     * The metadata of {@code command}, sent on behalf of one of the platform's own services, not a person:
     * the actor is {@code service#<service>}, the client the service, and {@code requestId} what identifies
     * the service's message (e.g. a Kafka record's event id), so that an event can be traced back to it.
     */
    public static MetaData ofService(Object command, String service, String requestId) {
        Map<String, Object> data = new HashMap<>();
        data.put(COMMAND, name(command));
        data.put(ACTOR_SUBJECT, "service#" + service);
        data.put(CLIENT, service);
        if (requestId != null) {
            data.put(REQUEST_ID, requestId);
        }
        return MetaData.from(data);
    }

    private static String name(Object command) {
        Class<?> type = command.getClass();
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
    }

    private static Optional<String> traceId() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
            return Optional.empty();
        }
        String traceparent = request.getRequest().getHeader("traceparent");
        Matcher matcher = traceparent == null ? null : TRACEPARENT.matcher(traceparent);
        return matcher != null && matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
