package dev.aic.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.systemtests.deploy.KubernetesObjects.Container;
import dev.aic.systemtests.deploy.KubernetesObjects.EnvFromSource;
import dev.aic.systemtests.deploy.KubernetesObjects.ExternalSecret;
import dev.aic.systemtests.deploy.KubernetesObjects.HorizontalPodAutoscaler;
import dev.aic.systemtests.deploy.KubernetesObjects.Ingress;
import dev.aic.systemtests.deploy.KubernetesObjects.LimitRange;
import dev.aic.systemtests.deploy.KubernetesObjects.NameRef;
import dev.aic.systemtests.deploy.KubernetesObjects.NetworkPolicy;
import dev.aic.systemtests.deploy.KubernetesObjects.PodDisruptionBudget;
import dev.aic.systemtests.deploy.KubernetesObjects.ResourceQuota;
import dev.aic.systemtests.deploy.KubernetesObjects.Rollout;
import dev.aic.systemtests.deploy.KubernetesObjects.ScaledObject;
import dev.aic.systemtests.deploy.KubernetesObjects.Service;
import dev.aic.systemtests.deploy.KubernetesObjects.ServiceAccount;
import dev.aic.systemtests.deploy.KubernetesObjects.Workload;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every kustomize overlay of deploy/k8s gives the cluster, checked on the rendered manifests:
 * no API server runs here, so what would only show as a pod waiting for ever, a probe failing or a
 * service that nobody can reach is found by reading the manifests with the overlay's own
 * environment. deploy/check runs it with the other manifest checks; the CD workflow renders the
 * same overlays before it applies them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentManifestsTest {

    private static final List<String> SERVICES = List.of("command-side", "query-side", "ai-worker");

    /** The address an init container waits for: http://service:port/path */
    private static final Pattern WAIT_URL =
            Pattern.compile("http://([a-z0-9-]+):(\\d+)(/[^\\s;\"']*)?");

    /** curl's --fail (-f, also inside -fsS): an HTTP error status then counts as no answer */
    private static final Pattern CURL_FAILS_ON_HTTP_ERRORS =
            Pattern.compile("curl\\b[^;]*\\s(-[a-zA-Z]*f[a-zA-Z]*|--fail)\\b");

    private final List<RenderedOverlay> overlays = new ArrayList<>();

    @BeforeAll
    void renderEveryOverlay() throws Exception {
        for (String name : RenderedOverlay.names()) {
            overlays.add(RenderedOverlay.render(name));
        }
        assertThat(overlays)
                .extracting(RenderedOverlay::name)
                .contains("local", "dev", "staging", "production");
    }

    Stream<RenderedOverlay> overlays() {
        return overlays.stream();
    }

    Stream<RenderedOverlay> awsOverlays() {
        return overlays.stream().filter(RenderedOverlay::onAws);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noContainerRunsAsRootOrMayBecomeIt(RenderedOverlay overlay) {
        for (Workload workload : workloads(overlay)) {
            var pod = workload.spec().template().spec();
            for (Container container : concat(pod.containers(), pod.initContainers())) {
                String where = overlay + " " + workload.metadata().name() + "/" + container.name();
                boolean nonRoot =
                        Boolean.TRUE.equals(pod.securityContext().runAsNonRoot())
                                || container.securityContext() != null
                                        && Boolean.TRUE.equals(
                                                container.securityContext().runAsNonRoot());
                assertThat(nonRoot).as(where + " runs as non-root").isTrue();
                assertThat(pod.securityContext().runAsUser()).as(where + " user").isNotEqualTo(0L);
                assertThat(container.securityContext())
                        .as(where + " has a security context")
                        .isNotNull();
                assertThat(container.securityContext().allowPrivilegeEscalation())
                        .as(where + " may not escalate privileges")
                        .isFalse();
                assertThat(container.resources())
                        .as(where + " has requests and limits")
                        .containsKeys("requests", "limits");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyProbeAsksAPortAndPathTheServiceServesWithTheOverlaysEnvironment(
            RenderedOverlay overlay) {
        for (Workload workload : services(overlay)) {
            Container container = workload.spec().template().spec().containers().get(0);
            for (var probe : container.probes()) {
                var get = probe.httpGet();
                String where =
                        overlay
                                + " "
                                + workload.metadata().name()
                                + " probe "
                                + get.path()
                                + " on "
                                + get.port();
                Optional<Integer> port = container.port(get.port());
                assertThat(port).as(where + ": the container declares the port").isPresent();
                if (get.path().startsWith("/actuator/")) {
                    assertThat(port.get())
                            .as(where + ": the actuator's port")
                            .isEqualTo(actuatorPort(overlay, container));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceSendsToAPortItsPodsDeclare(RenderedOverlay overlay) {
        for (Service service : overlay.all("Service", Service.class)) {
            Workload target =
                    selected(overlay, service.spec().selector())
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    overlay
                                                            + " Service "
                                                            + service.metadata().name()
                                                            + " selects no pods"));
            for (var port : service.spec().ports()) {
                assertThat(
                                target.spec()
                                        .template()
                                        .spec()
                                        .containers()
                                        .get(0)
                                        .port(port.targetPort()))
                        .as(
                                overlay
                                        + " Service "
                                        + service.metadata().name()
                                        + " port "
                                        + port.name())
                        .isPresent();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyInitContainerWaitsForAnAnswerThatComesOnceTheServiceIsReady(RenderedOverlay overlay) {
        for (Workload workload : services(overlay)) {
            for (Container init : workload.spec().template().spec().initContainers()) {
                String script = String.join(" ", init.command());
                String where =
                        overlay
                                + " "
                                + workload.metadata().name()
                                + "/"
                                + init.name()
                                + ": "
                                + script;
                var url = WAIT_URL.matcher(script);
                assertThat(url.find()).as(where + " names an address").isTrue();
                Service service =
                        overlay.one("Service", url.group(1), Service.class)
                                .orElseThrow(
                                        () ->
                                                new AssertionError(
                                                        where + ": no Service " + url.group(1)));
                var servicePort =
                        service.spec().ports().stream()
                                .filter(port -> port.port() == Integer.parseInt(url.group(2)))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                new AssertionError(
                                                        where
                                                                + ": the Service has no port "
                                                                + url.group(2)));
                Container waitedFor =
                        selected(overlay, service.spec().selector())
                                .orElseThrow()
                                .spec()
                                .template()
                                .spec()
                                .containers()
                                .get(0);
                int podPort = waitedFor.port(servicePort.targetPort()).orElseThrow();
                String path = url.group(3) == null ? "/" : url.group(3);
                if (path.startsWith("/actuator/")) {
                    assertThat(podPort)
                            .as(where + ": the actuator answers on its own port")
                            .isEqualTo(actuatorPort(overlay, waitedFor));
                } else if (CURL_FAILS_ON_HTTP_ERRORS.matcher(script).find()) {
                    throw new AssertionError(
                            where
                                    + ": without a token the API answers 401, which --fail never accepts");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void everyServiceRunsAtLeastTwoPodsAndTheRolloutOwnsThem(RenderedOverlay overlay) {
        for (String name : SERVICES) {
            Rollout rollout =
                    overlay.one("Rollout", name, Rollout.class)
                            .orElseThrow(
                                    () -> new AssertionError(overlay + ": no Rollout " + name));
            assertThat(rollout.spec().workloadRef().name()).isEqualTo(name);
            assertThat(rollout.spec().replicas())
                    .as(overlay + " " + name + " replicas")
                    .isGreaterThanOrEqualTo(2);
            assertThat(
                            overlay.one("Deployment", name, Workload.class)
                                    .orElseThrow()
                                    .spec()
                                    .replicas())
                    .as(overlay + " " + name + ": the Deployment keeps no pods of its own")
                    .isZero();
            overlay.one("HorizontalPodAutoscaler", name, HorizontalPodAutoscaler.class)
                    .ifPresent(
                            autoscaler -> {
                                assertThat(autoscaler.spec().scaleTargetRef().kind())
                                        .as(overlay + " " + name + " scales")
                                        .isEqualTo("Rollout");
                                assertThat(autoscaler.spec().minReplicas())
                                        .as(overlay + " " + name + " min")
                                        .isGreaterThanOrEqualTo(2);
                            });
            overlay.one("ScaledObject", name, ScaledObject.class)
                    .ifPresent(
                            scaler -> {
                                assertThat(scaler.spec().scaleTargetRef().kind())
                                        .as(overlay + " " + name + " scales")
                                        .isEqualTo("Rollout");
                                assertThat(scaler.spec().minReplicaCount())
                                        .as(overlay + " " + name + " min")
                                        .isGreaterThanOrEqualTo(2);
                            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void theAiWorkerGrowsWithItsKafkaBacklogButNotPastThePartitions(RenderedOverlay overlay) {
        ScaledObject scaler =
                overlay.one("ScaledObject", "ai-worker", ScaledObject.class)
                        .orElseThrow(
                                () -> new AssertionError(overlay + ": no ScaledObject ai-worker"));
        assertThat(scaler.spec().triggers())
                .as(overlay + ": scaled on the consumer lag")
                .anyMatch(
                        trigger ->
                                "prometheus".equals(trigger.type())
                                        && trigger.metadata()
                                                .get("query")
                                                .contains(
                                                        "kafka_consumer_fetch_manager_records_lag"));
        int partitions =
                Integer.parseInt(overlay.configMap("aic-config").get("AIC_KAFKA_PARTITIONS"));
        assertThat(scaler.spec().maxReplicaCount())
                .as(overlay + ": no more pods than partitions")
                .isLessThanOrEqualTo(partitions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void everyServiceHasADisruptionBudget(RenderedOverlay overlay) {
        var budgets = overlay.all("PodDisruptionBudget", PodDisruptionBudget.class);
        for (Workload service : services(overlay)) {
            var labels = service.spec().template().metadata().labels();
            assertThat(budgets)
                    .as(overlay + " " + service.metadata().name())
                    .anyMatch(budget -> budget.spec().selector().selects(labels));
        }
    }

    /**
     * Each service reaches the uploads bucket with an IAM role of its own
     * (deploy/terraform/iam.tf): the command-side's writes, the ai-worker's and the query-side's
     * (which serves the uploads to readers) only read.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void everyServiceActsOnAwsWithARoleOfItsOwn(RenderedOverlay overlay) {
        var accounts = overlay.all("ServiceAccount", ServiceAccount.class);
        for (String service : SERVICES) {
            assertThat(accounts)
                    .as(overlay + " aic-" + service)
                    .filteredOn(account -> account.metadata().name().equals("aic-" + service))
                    .singleElement()
                    .satisfies(
                            account ->
                                    assertThat(account.metadata().annotations())
                                            .hasEntrySatisfying(
                                                    "eks.amazonaws.com/role-arn",
                                                    role ->
                                                            assertThat(role)
                                                                    .endsWith("-" + service)));
        }
    }

    /**
     * The OpenSearch domain takes IAM only (deploy/terraform/modules/opensearch): the query-side
     * SigV4-signs its requests with its role (above) for the environment's region, over HTTPS, and
     * is given no OpenSearch password, with which it would refuse to start.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void theQuerySideSignsItsOpenSearchRequestsWithItsRoleAndHasNoOpenSearchPassword(
            RenderedOverlay overlay) throws IOException {
        Container querySide =
                overlay.one("Deployment", "query-side", Workload.class)
                        .orElseThrow()
                        .spec()
                        .template()
                        .spec()
                        .containers()
                        .get(0);
        var environment = overlay.environment(querySide);
        assertThat(environment)
                .as(overlay + " query-side's environment")
                .containsEntry("AIC_OPENSEARCH_AWS_REGION", awsRegion(overlay))
                .doesNotContainKey("AIC_OPENSEARCH_PASSWORD");
        assertThat(environment.get("AIC_OPENSEARCH_URL"))
                .as(overlay + " OpenSearch URL")
                .startsWith("https://");
    }

    /**
     * Members appear in search analytics only as HMAC pseudonyms under the query-side's
     * AIC_ANALYTICS_PSEUDONYM_KEY (docs/analytics.md), without which it refuses to start outside
     * the development profile. On AWS the key is a Secret of its own, made by an ExternalSecret
     * from the environment's own Secrets Manager secret aic-{environment}/analytics-pseudonym-key
     * (deploy/terraform/secrets.tf), not the personal-data master key's; the development key stays
     * refused; and the command-side and the ai-worker, which pseudonymise nothing, never get it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void theQuerySidePseudonymisesMembersWithAKeyOfTheEnvironmentsOwn(RenderedOverlay overlay) {
        String variable = "AIC_ANALYTICS_PSEUDONYM_KEY";
        String remoteKey = "aic-" + overlay.name() + "/analytics-pseudonym-key";
        var externalSecrets = overlay.all("ExternalSecret", ExternalSecret.class);
        Container querySide = firstContainer(overlay, "query-side");
        var feeding =
                querySide.envFrom().stream()
                        .map(EnvFromSource::secretRef)
                        .filter(Objects::nonNull)
                        .map(NameRef::name)
                        .flatMap(
                                secret ->
                                        externalSecrets.stream()
                                                .filter(
                                                        external ->
                                                                external.secretName()
                                                                        .equals(secret)))
                        .filter(
                                external ->
                                        external.spec().data().stream()
                                                .anyMatch(
                                                        data -> variable.equals(data.secretKey())))
                        .toList();
        assertThat(feeding)
                .as(
                        overlay
                                + " query-side: "
                                + variable
                                + " from a Secret that an ExternalSecret makes")
                .singleElement()
                .satisfies(
                        external -> {
                            assertThat(external.spec().data())
                                    .as(
                                            overlay
                                                    + " ExternalSecret "
                                                    + external.metadata().name()
                                                    + ": the pseudonym key alone, from the environment's own secret")
                                    .singleElement()
                                    .satisfies(
                                            data -> {
                                                assertThat(data.secretKey()).isEqualTo(variable);
                                                assertThat(data.remoteRef().key())
                                                        .as("remote key")
                                                        .isEqualTo(remoteKey);
                                                assertThat(data.remoteRef().property())
                                                        .as("property")
                                                        .isEqualTo(variable);
                                            });
                            assertThat(external.secretName())
                                    .as(overlay + ": not the personal-data Secret")
                                    .isNotEqualTo("aic-personal-data");
                        });
        assertThat(externalSecrets)
                .as(overlay + ": " + remoteKey + " is read into no other ExternalSecret")
                .filteredOn(
                        external ->
                                external.spec().data().stream()
                                        .anyMatch(
                                                data ->
                                                        data.remoteRef() != null
                                                                && remoteKey.equals(
                                                                        data.remoteRef().key())))
                .containsExactlyElementsOf(feeding);

        var environment = overlay.environment(querySide);
        assertThat(environment)
                .as(overlay + " query-side: nothing overrides the Secret's key")
                .containsEntry(variable, null);
        assertThat(environment.get("AIC_ANALYTICS_DEVELOPMENT_KEY_ALLOWED"))
                .as(overlay + ": the development key refused")
                .isIn(null, "false");
        assertThat(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE")))
                .as(overlay + " profiles")
                .doesNotContain("development");
        for (String service : List.of("command-side", "ai-worker")) {
            assertThat(overlay.environment(firstContainer(overlay, service)))
                    .as(overlay + " " + service)
                    .doesNotContainKey(variable);
        }
    }

    /**
     * Elsewhere (the local overlay) the query-side has the key or the development profile that
     * allows the well-known one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theQuerySideHasAPseudonymKeyOrTheDevelopmentProfile(RenderedOverlay overlay) {
        var environment = overlay.environment(firstContainer(overlay, "query-side"));
        assertThat(
                        environment.containsKey("AIC_ANALYTICS_PSEUDONYM_KEY")
                                || String.valueOf(environment.get("SPRING_PROFILES_ACTIVE"))
                                        .contains("development"))
                .as(overlay + " query-side: AIC_ANALYTICS_PSEUDONYM_KEY or the development profile")
                .isTrue();
    }

    private static Container firstContainer(RenderedOverlay overlay, String deployment) {
        return overlay.one("Deployment", deployment, Workload.class)
                .orElseThrow(() -> new AssertionError(overlay + ": no Deployment " + deployment))
                .spec()
                .template()
                .spec()
                .containers()
                .get(0);
    }

    /**
     * The environment's region, as Terraform's output kustomize_env wrote it into the overlay's
     * aws/aws.env.
     */
    private static String awsRegion(RenderedOverlay overlay) throws IOException {
        try (var lines =
                Files.lines(
                        RenderedOverlay.OVERLAYS
                                .resolve(overlay.name())
                                .resolve("aws")
                                .resolve("aws.env"))) {
            String region =
                    lines.filter(line -> line.startsWith("AWS_REGION="))
                            .map(line -> line.substring("AWS_REGION=".length()).strip())
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    overlay + ": aws.env has no AWS_REGION"));
            assertThat(region).as(overlay + " AWS_REGION").matches("[a-z]{2}(-[a-z]+)+-\\d");
            return region;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void trafficInAndOutIsDeniedUnlessAPolicyAdmitsIt(RenderedOverlay overlay) {
        var policies = overlay.all("NetworkPolicy", NetworkPolicy.class);
        assertThat(policies)
                .as(overlay + " default-deny ingress")
                .anyMatch(policy -> policy.spec().deniesAll("Ingress"));
        assertThat(policies)
                .as(overlay + " default-deny egress")
                .anyMatch(policy -> policy.spec().deniesAll("Egress"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void theApisArePublishedOverTlsBehindTheFirewallAndUnsubscribeLinksReachTheCommandSide(
            RenderedOverlay overlay) {
        Ingress ingress =
                overlay.one("Ingress", "aic-api", Ingress.class)
                        .orElseThrow(() -> new AssertionError(overlay + ": no Ingress aic-api"));
        var annotations = ingress.metadata().annotations();
        assertThat(annotations)
                .as(overlay + " ALB settings")
                .containsKeys(
                        "alb.ingress.kubernetes.io/certificate-arn",
                        "alb.ingress.kubernetes.io/wafv2-acl-arn")
                .containsEntry("alb.ingress.kubernetes.io/ssl-redirect", "443");
        var tlsHosts = ingress.spec().tls().stream().flatMap(tls -> tls.hosts().stream()).toList();
        for (var rule : ingress.spec().rules()) {
            assertThat(tlsHosts).as(overlay + " TLS for " + rule.host()).contains(rule.host());
        }
        String publicHost =
                URI.create(overlay.configMap("aic-mail").get("AIC_PUBLIC_URL")).getHost();
        assertThat(ingress.spec().rules())
                .as(
                        overlay
                                + ": "
                                + publicHost
                                + "/api/email/unsubscribe/ goes to the command-side")
                .anyMatch(
                        rule ->
                                rule.host().equals(publicHost)
                                        && rule.http().paths().stream()
                                                .anyMatch(
                                                        path ->
                                                                "/".equals(path.path())
                                                                        && "command-side"
                                                                                .equals(
                                                                                        path.backend()
                                                                                                .service()
                                                                                                .name())));
        var admitted =
                overlay.all("NetworkPolicy", NetworkPolicy.class).stream()
                        .filter(policy -> policy.spec().ingress() != null)
                        .filter(
                                policy ->
                                        String.valueOf(policy.spec().podSelector())
                                                .contains("command-side"))
                        .flatMap(policy -> policy.spec().ingress().stream())
                        .filter(rule -> String.valueOf(rule.get("from")).contains("ipBlock"))
                        .toList();
        assertThat(admitted)
                .as(overlay + ": the load balancer may reach the command-side")
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void theServicesBelieveForwardedAddressesFromTheLoadBalancerAndFromNoOneElse(
            RenderedOverlay overlay) {
        var trusted = Pattern.compile(overlay.configMap("aic-config").get("AIC_TRUSTED_PROXIES"));
        NetworkPolicy fromLoadBalancer =
                overlay.one("NetworkPolicy", "apis-from-load-balancer", NetworkPolicy.class)
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                overlay
                                                        + ": no NetworkPolicy apis-from-load-balancer"));
        var cidrs =
                Pattern.compile("cidr=([0-9./]+)")
                        .matcher(String.valueOf(fromLoadBalancer.spec().ingress()))
                        .results()
                        .map(match -> match.group(1))
                        .toList();
        assertThat(cidrs).as(overlay + " load balancer subnets").hasSize(3);
        for (String cidr : cidrs) {
            assertThat(trusted.matcher(dotted(first(cidr) + 4)).matches())
                    .as(overlay + ": an ALB address in " + cidr)
                    .isTrue();
            assertThat(trusted.matcher(dotted(last(cidr))).matches())
                    .as(overlay + ": the last of " + cidr)
                    .isTrue();
            for (long outside : List.of(first(cidr) - 1, last(cidr) + 1)) {
                if (cidrs.stream()
                        .noneMatch(other -> first(other) <= outside && outside <= last(other))) {
                    assertThat(trusted.matcher(dotted(outside)).matches())
                            .as(overlay + ": " + dotted(outside))
                            .isFalse();
                }
            }
        }
        assertThat(trusted.matcher("192.0.2.10").matches())
                .as(overlay + ": a client on the internet")
                .isFalse();
    }

    private static long first(String cidr) {
        return address(cidr.split("/")[0]);
    }

    private static long last(String cidr) {
        return first(cidr) + (1L << (32 - Integer.parseInt(cidr.split("/")[1]))) - 1;
    }

    private static long address(String dotted) {
        long value = 0;
        for (String octet : dotted.split("\\.")) {
            value = value * 256 + Integer.parseInt(octet);
        }
        return value;
    }

    private static String dotted(long address) {
        return (address >> 24 & 255)
                + "."
                + (address >> 16 & 255)
                + "."
                + (address >> 8 & 255)
                + "."
                + (address & 255);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void theQuotaHoldsEveryPodAtItsMaximumCountDuringACanary(RenderedOverlay overlay) {
        var quota =
                overlay.one("ResourceQuota", "aic", ResourceQuota.class)
                        .orElseThrow(() -> new AssertionError(overlay + ": no ResourceQuota aic"));
        assertThat(overlay.one("LimitRange", "aic", LimitRange.class))
                .as(overlay + " LimitRange")
                .isPresent();
        for (String resource : List.of("cpu", "memory")) {
            double requests = 0;
            double limits = 0;
            for (Workload service : services(overlay)) {
                String name = service.metadata().name();
                int pods =
                        overlay.one("HorizontalPodAutoscaler", name, HorizontalPodAutoscaler.class)
                                        .map(autoscaler -> autoscaler.spec().maxReplicas())
                                        .or(
                                                () ->
                                                        overlay.one(
                                                                        "ScaledObject",
                                                                        name,
                                                                        ScaledObject.class)
                                                                .map(
                                                                        scaler ->
                                                                                scaler.spec()
                                                                                        .maxReplicaCount()))
                                        .orElseGet(
                                                () ->
                                                        overlay.one("Rollout", name, Rollout.class)
                                                                .orElseThrow()
                                                                .spec()
                                                                .replicas())
                                + 1; // the canary's surge
                var resources = service.spec().template().spec().containers().get(0).resources();
                requests += pods * quantity(resources.get("requests").get(resource));
                limits += pods * quantity(resources.get("limits").get(resource));
            }
            assertThat(quantity(quota.spec().hard().get("requests." + resource)))
                    .as(overlay + " requests." + resource)
                    .isGreaterThanOrEqualTo(requests);
            assertThat(quantity(quota.spec().hard().get("limits." + resource)))
                    .as(overlay + " limits." + resource)
                    .isGreaterThanOrEqualTo(limits);
        }
    }

    /**
     * Each AWS environment has names of its own (deploy/terraform names everything
     * aic-{environment}), so that dev, staging and production can share an account: its images come
     * from its own ECR repositories, its pods act with its own IAM roles and read its own secrets,
     * its load balancer and bucket are its own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("awsOverlays")
    void everyAwsNameIsTheEnvironmentsOwn(RenderedOverlay overlay) {
        String prefix = "aic-" + overlay.name();
        for (Workload workload : services(overlay)) {
            for (Container container :
                    concat(
                            workload.spec().template().spec().containers(),
                            workload.spec().template().spec().initContainers())) {
                if (container.image().contains("/aic-")) {
                    assertThat(container.image())
                            .as(
                                    overlay
                                            + " "
                                            + workload.metadata().name()
                                            + "/"
                                            + container.name()
                                            + " image")
                            .contains("/" + prefix + "/");
                }
            }
        }
        for (ServiceAccount account : overlay.all("ServiceAccount", ServiceAccount.class)) {
            String role = account.metadata().annotations().get("eks.amazonaws.com/role-arn");
            if (role != null) {
                assertThat(role)
                        .as(overlay + " " + account.metadata().name() + " role")
                        .matches("arn:aws:iam::\\d{12}:role/" + prefix + "-[a-z-]+");
            }
        }
        var secretNames =
                Pattern.compile("\"key\":\"([^\"]+)\"|key=([^,}]+)")
                        .matcher(String.valueOf(overlay.all("ExternalSecret", Map.class)))
                        .results()
                        .map(match -> match.group(1) != null ? match.group(1) : match.group(2))
                        .toList();
        assertThat(secretNames)
                .as(overlay + " Secrets Manager names")
                .isNotEmpty()
                .allMatch(
                        name ->
                                name.startsWith(prefix + "/")
                                        || name.startsWith("AmazonMSK_" + prefix + "_"));
        assertThat(overlay.configMap("aic-config").get("AIC_DOCUMENTS_S3_BUCKET"))
                .as(overlay + " bucket")
                .startsWith(prefix + "-");
        assertThat(
                        overlay.one("Ingress", "aic-api", Ingress.class)
                                .orElseThrow()
                                .metadata()
                                .annotations())
                .as(overlay + " load balancer")
                .containsEntry("alb.ingress.kubernetes.io/load-balancer-name", prefix + "-api");
    }

    /**
     * Traces leave every service for a collector the overlay names (issue 20): exported, to a
     * Zipkin v2 endpoint, a sampling probability that is one; on AWS an in-cluster Service
     * (name.namespace.svc) that an egress NetworkPolicy lets each service's pods reach on that
     * port, for egress is denied otherwise.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceSendsItsTracesToACollectorItMayReach(RenderedOverlay overlay) {
        var config = overlay.configMap("aic-config");
        assertThat(config)
                .as(overlay + " tracing")
                .containsEntry("AIC_ZIPKIN_EXPORT", "true")
                .containsKey("AIC_ZIPKIN_ENDPOINT");
        double sampling = Double.parseDouble(config.get("AIC_TRACING_SAMPLING_PROBABILITY"));
        assertThat(sampling)
                .as(overlay + " sampling probability")
                .isGreaterThan(0)
                .isLessThanOrEqualTo(1);
        URI endpoint = URI.create(config.get("AIC_ZIPKIN_ENDPOINT"));
        assertThat(endpoint.getPath())
                .as(overlay + " Zipkin's span API")
                .isEqualTo("/api/v2/spans");
        assertThat(endpoint.getPort()).as(overlay + " collector port").isPositive();
        if (!overlay.onAws()) {
            return;
        }
        var inCluster =
                Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc(\\.cluster\\.local)?")
                        .matcher(endpoint.getHost());
        assertThat(inCluster.matches())
                .as(overlay + ": " + endpoint.getHost() + " is a Service in the cluster")
                .isTrue();
        String namespace = inCluster.group(2);
        var policies = overlay.all("NetworkPolicy", NetworkPolicy.class);
        for (Workload service : services(overlay)) {
            var labels = service.spec().template().metadata().labels();
            assertThat(policies)
                    .as(
                            overlay
                                    + " "
                                    + service.metadata().name()
                                    + " may reach "
                                    + namespace
                                    + " on "
                                    + endpoint.getPort())
                    .anyMatch(
                            policy ->
                                    policy.spec().policyTypes().contains("Egress")
                                            && podSelectorSelects(
                                                    policy.spec().podSelector(), labels)
                                            && policy.spec().egress() != null
                                            && policy.spec().egress().stream()
                                                    .anyMatch(
                                                            rule ->
                                                                    admitsNamespacePort(
                                                                            rule,
                                                                            namespace,
                                                                            endpoint.getPort())));
        }
    }

    /**
     * A NetworkPolicy's podSelector (matchLabels, matchExpressions with In) against a pod's labels.
     */
    @SuppressWarnings("unchecked")
    private static boolean podSelectorSelects(
            Map<String, Object> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        var matchLabels = (Map<String, String>) selector.getOrDefault("matchLabels", Map.of());
        if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
            return false;
        }
        for (var expression :
                (List<Map<String, Object>>) selector.getOrDefault("matchExpressions", List.of())) {
            if (!"In".equals(expression.get("operator"))
                    || !((List<String>) expression.get("values"))
                            .contains(labels.get((String) expression.get("key")))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean admitsNamespacePort(
            Map<String, Object> rule, String namespace, int port) {
        var to = (List<Map<String, Object>>) rule.getOrDefault("to", List.of());
        boolean toNamespace =
                to.stream()
                        .map(
                                peer ->
                                        (Map<String, Object>)
                                                peer.getOrDefault("namespaceSelector", Map.of()))
                        .anyMatch(
                                selector ->
                                        namespace.equals(
                                                ((Map<String, Object>)
                                                                selector.getOrDefault(
                                                                        "matchLabels", Map.of()))
                                                        .get("kubernetes.io/metadata.name")));
        var ports = (List<Map<String, Object>>) rule.get("ports");
        return toNamespace
                && (ports == null
                        || ports.stream()
                                .anyMatch(
                                        entry -> Integer.valueOf(port).equals(entry.get("port"))));
    }

    /**
     * The port Spring Boot's actuator listens on: AIC_MANAGEMENT_PORT of aic-config, else the API's
     * port.
     */
    private static int actuatorPort(RenderedOverlay overlay, Container container) {
        String management = overlay.configMap("aic-config").get("AIC_MANAGEMENT_PORT");
        return management == null || management.isBlank()
                ? container.port("http").orElseThrow()
                : Integer.parseInt(management);
    }

    private static List<Workload> workloads(RenderedOverlay overlay) {
        return concat(
                overlay.all("Deployment", Workload.class), overlay.all("Job", Workload.class));
    }

    private static List<Workload> services(RenderedOverlay overlay) {
        var deployments = overlay.all("Deployment", Workload.class);
        assertThat(deployments)
                .extracting(deployment -> deployment.metadata().name())
                .as(overlay + " Deployments")
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        return deployments;
    }

    private static Optional<Workload> selected(
            RenderedOverlay overlay, Map<String, String> selector) {
        return overlay.all("Deployment", Workload.class).stream()
                .filter(
                        deployment ->
                                deployment
                                        .spec()
                                        .template()
                                        .metadata()
                                        .labels()
                                        .entrySet()
                                        .containsAll(selector.entrySet()))
                .findFirst();
    }

    /** A Kubernetes quantity (500m, 2, 1536Mi, 2Gi, 40Gi) in cores or bytes. */
    static double quantity(String value) {
        var matcher = Pattern.compile("([0-9.]+)(m|Ki|Mi|Gi|Ti)?").matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a quantity: " + value);
        }
        double number = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        return switch (unit) {
            case "m" -> number / 1000;
            case "Ki" -> number * 1024;
            case "Mi" -> number * 1024 * 1024;
            case "Gi" -> number * 1024 * 1024 * 1024;
            case "Ti" -> number * 1024 * 1024 * 1024 * 1024;
            default -> number;
        };
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
