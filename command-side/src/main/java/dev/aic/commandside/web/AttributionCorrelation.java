package dev.aic.commandside.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;

/**
 * What every event inherits from the message it was applied for: the {@link Attribution} of its
 * command, {@code causationId} (the id of that message), {@code correlationId} (the id of the first
 * message of the chain, carried along) and, for events a deadline caused, {@code trigger}. Being a
 * {@link CorrelationDataProvider} bean, it replaces Axon's default {@code MessageOriginProvider}.
 */
@Component
class AttributionCorrelation implements CorrelationDataProvider {

    static final String CAUSATION_ID = "causationId";
    static final String CORRELATION_ID = "correlationId";
    static final String TRIGGER = "trigger";

    private final Tracer tracer;
    private final Propagator propagator;

    AttributionCorrelation(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>();
        Attribution.KEYS.stream()
                .filter(metaData::containsKey)
                .forEach(key -> data.put(key, metaData.get(key)));
        data.put(CAUSATION_ID, message.getIdentifier());
        data.put(CORRELATION_ID, metaData.getOrDefault(CORRELATION_ID, message.getIdentifier()));
        if (message instanceof DeadlineMessage<?> deadline) {
            data.put(TRIGGER, "deadline:" + deadline.getDeadlineName());
        }
        Span span = tracer.currentSpan();
        if (span != null) {
            data.put(Attribution.TRACE_ID, span.context().traceId());
            propagator.inject(
                    span.context(),
                    data,
                    (carrier, key, value) -> {
                        if (Attribution.TRACEPARENT.equals(key)) {
                            carrier.put(key, value);
                        }
                    });
        }
        return data;
    }
}
