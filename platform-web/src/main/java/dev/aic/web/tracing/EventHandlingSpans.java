package dev.aic.web.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * One span per event an event processor handles, named after the processor and a child of the span
 * the event was stored in (its {@value #TRACEPARENT} metadata): a processor runs on threads of its
 * own, long after the request, and without this its work (a Kafka publish, a projection's row)
 * would belong to no trace. An event stored outside any trace is handled without a span.
 */
public final class EventHandlingSpans implements MessageHandlerInterceptor<EventMessage<?>> {

    /**
     * The metadata entry that holds the W3C {@code traceparent} of the span an event was stored in.
     */
    public static final String TRACEPARENT = "traceparent";

    private static final Propagator.Getter<MetaData> METADATA =
            (metaData, key) -> metaData.get(key) instanceof String value ? value : null;

    private final Tracer tracer;
    private final Propagator propagator;
    private final String processor;

    public EventHandlingSpans(Tracer tracer, Propagator propagator, String processor) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.processor = processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (!(event.getMetaData().get(TRACEPARENT) instanceof String)) {
            return chain.proceed();
        }
        Span span =
                propagator
                        .extract(event.getMetaData(), METADATA)
                        .name(processor)
                        .kind(Span.Kind.CONSUMER)
                        .tag("aic.processor", processor)
                        .tag("aic.event.type", event.getPayloadType().getSimpleName())
                        .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return chain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
