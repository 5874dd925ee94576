package dev.aic.commandside.web;

import dev.aic.web.http.RequestIdFilter;
import dev.aic.web.security.CallerAuthentication;
import dev.aic.web.tracing.EventHandlingSpans;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who asked for a command, through which client and request: the metadata a command is sent with
 * and that {@link AttributionCorrelation} copies onto every event it causes. Payloads never repeat
 * it.
 */
public final class Attribution {

    /** The platform user id of the caller; absent for a caller not registered yet, or nobody. */
    public static final String ACTOR_ID = "actorId";

    /**
     * The caller as the identity provider names them, {@code <issuer>#<subject>}, or {@code
     * anonymous}.
     */
    public static final String ACTOR_SUBJECT = "actorSubject";

    public static final String ACTOR_ROLES = "actorRoles";

    /**
     * The OAuth client the caller used: the token's {@code azp} (Entra ID v2, Keycloak), {@code
     * client_id} (Cognito) or {@code appid} (Entra ID v1).
     */
    public static final String CLIENT = "client";

    public static final String REQUEST_ID = "requestId";

    /**
     * The W3C trace id of the span the event was stored in: the caller's own when it sent a {@code
     * traceparent}.
     */
    public static final String TRACE_ID = "traceId";

    /**
     * That span's W3C {@code traceparent}, which the event processors' spans continue
     * (docs/operations.md).
     */
    public static final String TRACEPARENT = EventHandlingSpans.TRACEPARENT;

    /** The command's name, e.g. {@code CommunityEventCommands.Rsvp}. */
    public static final String COMMAND = "command";

    static final List<String> KEYS =
            List.of(
                    ACTOR_ID,
                    ACTOR_SUBJECT,
                    ACTOR_ROLES,
                    CLIENT,
                    REQUEST_ID,
                    TRACE_ID,
                    TRACEPARENT,
                    COMMAND);

    private Attribution() {}

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
            Stream.of("azp", "client_id", "appid")
                    .map(token::getClaimAsString)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .ifPresent(client -> data.put(CLIENT, client));
        } else {
            data.put(ACTOR_SUBJECT, "anonymous");
        }
        RequestIdFilter.current().ifPresent(id -> data.put(REQUEST_ID, id));
        return MetaData.from(data);
    }

    /**
     * The metadata of {@code command}, sent on behalf of one of the platform's own services, not a
     * person: the actor is {@code service#<service>}, the client the service, and {@code requestId}
     * what identifies the service's message (e.g. a Kafka record's event id), so that an event can
     * be traced back to it.
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
        return type.getEnclosingClass() == null
                ? type.getSimpleName()
                : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
    }
}
