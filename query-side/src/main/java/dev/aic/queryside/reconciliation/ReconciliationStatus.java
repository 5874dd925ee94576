package dev.aic.queryside.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The last check's findings of this instance, as metrics and for the health indicator: {@code
 * aic.projection.missing.events{processor}} (events the processor passed without taking them) and
 * {@code aic.projection.repairs{processor}} (rewinds this instance made).
 */
@Component
class ReconciliationStatus {

    private final MeterRegistry meters;
    private final Map<String, ProcessorFinding> findings = new ConcurrentHashMap<>();
    private final Map<String, Counter> repairs = new ConcurrentHashMap<>();
    private volatile Instant lastCheck;

    ReconciliationStatus(MeterRegistry meters) {
        this.meters = meters;
    }

    void checked(Instant at, Iterable<ProcessorFinding> latest) {
        latest.forEach(
                finding -> {
                    if (findings.put(finding.processor(), finding) == null) {
                        Gauge.builder(
                                        "aic.projection.missing.events",
                                        findings,
                                        all -> all.get(finding.processor()).missing())
                                .description(
                                        "Events of the store a processor passed without taking them, at the last check")
                                .tag("processor", finding.processor())
                                .register(meters);
                    }
                });
        lastCheck = at;
    }

    void repaired(String processor) {
        repairs.computeIfAbsent(
                        processor,
                        name ->
                                Counter.builder("aic.projection.repairs")
                                        .description(
                                                "Processors rewound to take events they had passed without taking them")
                                        .tag("processor", name)
                                        .register(meters))
                .increment();
    }

    long repairs(String processor) {
        Counter counter = repairs.get(processor);
        return counter == null ? 0 : (long) counter.count();
    }

    Map<String, ProcessorFinding> findings() {
        return Map.copyOf(findings);
    }

    Optional<Instant> lastCheck() {
        return Optional.ofNullable(lastCheck);
    }
}
