package dev.aic.queryside.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One pass: check every processor, then rewind each one that passed events without taking them (or
 * took some twice) to the first bucket that differs.
 */
@Component
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final ProjectionCheck check;
    private final TokenRewind rewind;
    private final ReconciliationStatus status;
    private final ReconciliationProperties properties;

    Reconciliation(
            ProjectionCheck check,
            TokenRewind rewind,
            ReconciliationStatus status,
            ReconciliationProperties properties) {
        this.check = check;
        this.rewind = rewind;
        this.status = status;
        this.properties = properties;
    }

    void run() {
        List<ProcessorFinding> findings = check.run();
        Map<String, ProcessorFinding> previous = status.findings();
        status.checked(Instant.now(), findings);
        for (ProcessorFinding finding : findings) {
            if (finding.matches()) {
                continue;
            }
            long bucket = finding.firstMismatchedBucket().orElseThrow();
            ProcessorFinding before = previous.get(finding.processor());
            if (properties.repair()
                    || before == null
                    || !before.mismatches().equals(finding.mismatches())) {
                log.warn(
                        "Processor {} differs from the event store up to position {}: {} missing, {} surplus, {}",
                        finding.processor(),
                        finding.checkedUpTo(),
                        finding.missing(),
                        finding.surplus(),
                        finding.mismatches());
            }
            if (properties.repair() && rewind.rewind(finding.processor(), bucket)) {
                status.repaired(finding.processor());
                log.warn(
                        "Processor {} rewound to position {} to take its events again",
                        finding.processor(),
                        ProcessedEventCounts.startOf(bucket));
            }
        }
    }
}
