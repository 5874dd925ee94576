package dev.aic.queryside.reconciliation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code projections}: DOWN while a processor's ledger differs from the event store, with the
 * buckets that differ. It is in neither the liveness nor the readiness group: restarting or
 * unrouting instances repairs nothing (the store and the read models are shared), the
 * reconciliation does.
 */
@Component
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ReconciliationStatus status;

    ProjectionsHealthIndicator(ReconciliationStatus status) {
        super("Projections check failed");
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (status.lastCheck().isEmpty()) {
            builder.unknown().withDetail("reason", "not checked yet");
            return;
        }
        Map<String, ProcessorFinding> findings = new TreeMap<>(status.findings());
        boolean matches = findings.values().stream().allMatch(ProcessorFinding::matches);
        (matches ? builder.up() : builder.down())
                .withDetail("checkedAt", status.lastCheck().get().toString());
        findings.forEach(
                (processor, finding) -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("checkedUpTo", finding.checkedUpTo());
                    details.put("missing", finding.missing());
                    details.put("surplus", finding.surplus());
                    details.put("repairs", status.repairs(processor));
                    if (!finding.matches()) {
                        details.put("mismatches", finding.mismatches());
                    }
                    builder.withDetail(processor, details);
                });
    }
}
