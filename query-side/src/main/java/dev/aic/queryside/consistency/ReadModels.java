package dev.aic.queryside.consistency;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Processing groups as {@link ReadModel} names them, mapped to the event processors whose tokens
 * tell their progress. A group without a processor would make every request with a token wait in
 * vain, so the service refuses to start with one.
 */
@Component
class ReadModels {

    private final EventProcessingConfiguration processing;
    private final Map<String, String> processorOfGroup = new ConcurrentHashMap<>();

    ReadModels(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The processors that feed the given processing groups. */
    Set<String> processorsOf(Set<String> groups) {
        Set<String> processors = new LinkedHashSet<>();
        groups.forEach(
                group ->
                        processors.add(processorOfGroup.computeIfAbsent(group, this::processorOf)));
        return processors;
    }

    /** Checked once the application is ready, when every endpoint is mapped. */
    @EventListener(ApplicationReadyEvent.class)
    void everyDeclaredReadModelHasAProcessor(ApplicationReadyEvent ready) {
        var endpoints =
                ready.getApplicationContext()
                        .getBean(
                                "requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        endpoints
                .getHandlerMethods()
                .values()
                .forEach(
                        handler ->
                                AnnotatedElementUtils.findMergedRepeatableAnnotations(
                                                handler.getMethod(), ReadModel.class)
                                        .forEach(model -> processorsOf(Set.of(model.value()))));
    }

    private String processorOf(String group) {
        return processing
                .eventProcessorByProcessingGroup(group)
                .map(EventProcessor::getName)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "@ReadModel names the processing group '"
                                                + group
                                                + "', which no event processor handles"));
    }
}
