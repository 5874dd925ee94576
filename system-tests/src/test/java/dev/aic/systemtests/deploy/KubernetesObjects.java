package dev.aic.systemtests.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of the Kubernetes API objects that the manifest properties read, as records: a field
 * the tests rely on is named once, and a manifest whose field has another shape fails to bind
 * instead of being skipped.
 */
final class KubernetesObjects {

    private KubernetesObjects() {}

    record Metadata(String name, Map<String, String> labels, Map<String, String> annotations) {
        Metadata {
            labels = labels == null ? Map.of() : labels;
            annotations = annotations == null ? Map.of() : annotations;
        }
    }

    record LabelSelector(Map<String, String> matchLabels) {
        LabelSelector {
            matchLabels = matchLabels == null ? Map.of() : matchLabels;
        }

        boolean selects(Map<String, String> labels) {
            return !matchLabels.isEmpty() && labels.entrySet().containsAll(matchLabels.entrySet());
        }
    }

    record ServiceAccount(Metadata metadata) {}

    record ConfigMap(Metadata metadata, Map<String, String> data) {
        ConfigMap {
            data = data == null ? Map.of() : data;
        }
    }

    record ContainerPort(String name, int containerPort) {}

    /** A probe's port is a number or the name of one of the container's ports. */
    record HttpGet(String path, String port) {}

    record Probe(HttpGet httpGet) {}

    record SecurityContext(
            Boolean runAsNonRoot,
            Long runAsUser,
            Boolean allowPrivilegeEscalation,
            Boolean readOnlyRootFilesystem) {}

    /**
     * A variable given by value; one given from a Secret's or ConfigMap's key (valueFrom) has no
     * value here.
     */
    record EnvVar(String name, String value) {}

    record NameRef(String name) {}

    /** Every key of a ConfigMap or of a Secret as a variable. */
    record EnvFromSource(NameRef configMapRef, NameRef secretRef) {}

    record Container(
            String name,
            String image,
            List<String> command,
            List<ContainerPort> ports,
            Probe startupProbe,
            Probe livenessProbe,
            Probe readinessProbe,
            SecurityContext securityContext,
            Map<String, Map<String, String>> resources,
            List<EnvVar> env,
            List<EnvFromSource> envFrom) {
        Container {
            command = command == null ? List.of() : command;
            ports = ports == null ? List.of() : ports;
            env = env == null ? List.of() : env;
            envFrom = envFrom == null ? List.of() : envFrom;
        }

        List<Probe> probes() {
            return java.util.stream.Stream.of(startupProbe, livenessProbe, readinessProbe)
                    .filter(Objects::nonNull)
                    .toList();
        }

        /**
         * The number of a port given by number or by name; empty if the container declares no such
         * port.
         */
        Optional<Integer> port(String numberOrName) {
            if (numberOrName.chars().allMatch(Character::isDigit)) {
                int number = Integer.parseInt(numberOrName);
                return ports.stream().anyMatch(port -> port.containerPort() == number)
                        ? Optional.of(number)
                        : Optional.empty();
            }
            return ports.stream()
                    .filter(port -> numberOrName.equals(port.name()))
                    .map(ContainerPort::containerPort)
                    .findFirst();
        }
    }

    record PodSpec(
            List<Container> containers,
            List<Container> initContainers,
            SecurityContext securityContext) {
        PodSpec {
            initContainers = initContainers == null ? List.of() : initContainers;
        }
    }

    record PodTemplate(Metadata metadata, PodSpec spec) {}

    record WorkloadSpec(Integer replicas, LabelSelector selector, PodTemplate template) {}

    /** A Deployment or a Job. */
    record Workload(String kind, Metadata metadata, WorkloadSpec spec) {}

    record ServicePort(String name, int port, String targetPort) {}

    record ServiceSpec(Map<String, String> selector, List<ServicePort> ports) {}

    record Service(Metadata metadata, ServiceSpec spec) {}

    record PodDisruptionBudgetSpec(
            LabelSelector selector, String maxUnavailable, String minAvailable) {}

    record PodDisruptionBudget(Metadata metadata, PodDisruptionBudgetSpec spec) {}

    record ScaleTarget(String apiVersion, String kind, String name) {}

    record AutoscalerSpec(ScaleTarget scaleTargetRef, int minReplicas, int maxReplicas) {}

    record HorizontalPodAutoscaler(Metadata metadata, AutoscalerSpec spec) {}

    record ScaledObjectTrigger(String type, Map<String, String> metadata) {}

    record ScaledObjectSpec(
            ScaleTarget scaleTargetRef,
            int minReplicaCount,
            int maxReplicaCount,
            List<ScaledObjectTrigger> triggers) {}

    /** KEDA's: an autoscaler on outside metrics (the ai-worker's Kafka backlog). */
    record ScaledObject(Metadata metadata, ScaledObjectSpec spec) {}

    record WorkloadRef(String kind, String name) {}

    record RolloutSpec(Integer replicas, LabelSelector selector, WorkloadRef workloadRef) {}

    record Rollout(Metadata metadata, RolloutSpec spec) {}

    record NetworkPolicySpec(
            Map<String, Object> podSelector,
            List<String> policyTypes,
            List<Map<String, Object>> ingress,
            List<Map<String, Object>> egress) {
        boolean deniesAll(String type) {
            return (podSelector == null || podSelector.isEmpty())
                    && policyTypes.contains(type)
                    && ("Ingress".equals(type)
                            ? ingress == null || ingress.isEmpty()
                            : egress == null || egress.isEmpty());
        }
    }

    record NetworkPolicy(Metadata metadata, NetworkPolicySpec spec) {}

    record BackendService(String name, Map<String, Object> port) {}

    record Backend(BackendService service) {}

    record IngressPath(String path, String pathType, Backend backend) {}

    record IngressHttp(List<IngressPath> paths) {}

    record IngressRule(String host, IngressHttp http) {}

    record IngressTls(List<String> hosts) {}

    record IngressSpec(String ingressClassName, List<IngressTls> tls, List<IngressRule> rules) {
        IngressSpec {
            tls = tls == null ? List.of() : tls;
            rules = rules == null ? List.of() : rules;
        }
    }

    record Ingress(Metadata metadata, IngressSpec spec) {}

    record RemoteRef(String key, String property) {}

    /**
     * One key of the Secret an ExternalSecret makes, and where in the secret store its value comes
     * from.
     */
    record ExternalSecretData(String secretKey, RemoteRef remoteRef) {}

    record ExternalSecretTarget(String name) {}

    record ExternalSecretSpec(ExternalSecretTarget target, List<ExternalSecretData> data) {
        ExternalSecretSpec {
            data = data == null ? List.of() : data;
        }
    }

    /**
     * The External Secrets Operator's: a Secret made from a secret store's (AWS Secrets Manager's)
     * secrets.
     */
    record ExternalSecret(Metadata metadata, ExternalSecretSpec spec) {
        /** The Secret it makes: its target's name, else its own. */
        String secretName() {
            return spec.target() != null && spec.target().name() != null
                    ? spec.target().name()
                    : metadata.name();
        }
    }

    record QuotaSpec(Map<String, String> hard) {}

    record ResourceQuota(Metadata metadata, QuotaSpec spec) {}

    record LimitRangeItem(
            String type,
            @JsonProperty("default") Map<String, String> defaults,
            Map<String, String> defaultRequest) {}

    record LimitRangeSpec(List<LimitRangeItem> limits) {}

    record LimitRange(Metadata metadata, LimitRangeSpec spec) {}
}
