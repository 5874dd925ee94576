package dev.aic.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.systemtests.deploy.TerraformConfiguration.Resource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The properties of deploy/terraform that matter most, read from the HCL itself: terraform validate
 * and plan need the AWS provider, which cannot be downloaded here (CI's manifests job runs
 * validate). Encryption, backups, deletion protection, no public bucket, and a name per environment
 * for everything whose name is unique in an account, so that staging and production can share one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformPropertiesTest {

    /**
     * Resource types whose names are unique per account and region, and the attribute that holds
     * the name.
     */
    private static final Map<String, String> ACCOUNT_WIDE_NAMES =
            Map.ofEntries(
                    Map.entry("aws_ecr_repository", "name"),
                    Map.entry("aws_secretsmanager_secret", "name"),
                    Map.entry("aws_iam_role", "name"),
                    Map.entry("aws_iam_user", "name"),
                    Map.entry("aws_iam_policy", "name"),
                    Map.entry("aws_wafv2_web_acl", "name"),
                    Map.entry("aws_cloudwatch_log_group", "name"),
                    Map.entry("aws_security_group", "name"),
                    Map.entry("aws_db_instance", "identifier"),
                    Map.entry("aws_db_subnet_group", "name"),
                    Map.entry("aws_db_parameter_group", "name_prefix"),
                    Map.entry("aws_msk_cluster", "cluster_name"),
                    Map.entry("aws_msk_configuration", "name"),
                    Map.entry("aws_opensearch_domain", "domain_name"),
                    Map.entry("aws_s3_bucket", "bucket"),
                    Map.entry("aws_eks_cluster", "name"),
                    Map.entry("aws_kms_alias", "name"));

    /**
     * What carries the environment in a name: the variable itself (hcl4j substitutes local.name,
     * which is "${var.name_prefix}-${var.environment}"), the root's locals made from it, a module's
     * input; whole names, so that var.name_prefix, the same in every environment, does not count.
     * hcl4j joins "AmazonMSK_${var.name}_x" into "AmazonMSK_var.name_x": an underscore may stand
     * next to the name.
     */
    private static final Pattern ENVIRONMENT_NAME =
            Pattern.compile(
                    "(?<![A-Za-z0-9.])(var\\.environment|local\\.name|var\\.name|local\\.load_balancer_name)(?![A-Za-z0-9]|_prefix\\b)");

    private TerraformConfiguration terraform;

    @BeforeAll
    void readTheConfiguration() throws Exception {
        terraform = TerraformConfiguration.read();
        assertThat(terraform.all())
                .as("resources read from deploy/terraform")
                .hasSizeGreaterThan(50);
    }

    @Test
    void theDatabaseIsEncryptedPrivateBackedUpAndCannotBeDroppedByAccident() {
        var databases = terraform.resources("aws_db_instance");
        assertThat(databases).isNotEmpty();
        for (Resource database : databases) {
            assertThat(database.attribute("storage_encrypted"))
                    .as(database + " encrypted")
                    .isEqualTo(true);
            assertThat(database.attribute("publicly_accessible"))
                    .as(database + " private")
                    .isEqualTo(false);
            assertThat(database.attribute("deletion_protection"))
                    .as(database + " deletion protection")
                    .isEqualTo(true);
            assertThat(database.attribute("skip_final_snapshot"))
                    .as(database + " final snapshot")
                    .isEqualTo(false);
            assertThat(database.attribute("backup_retention_period"))
                    .as(database + " backups")
                    .isNotNull();
        }
        var retention = terraform.rootVariable("db_backup_retention_days").orElseThrow();
        assertThat((Double) retention.get("default"))
                .as("days of backups by default")
                .isGreaterThanOrEqualTo(7);
        assertThat(retention.get("validation")).as("a validation refuses too few days").isNotNull();
    }

    @Test
    void noBucketIsPublicAndEveryBucketIsEncryptedAndReachedOverTlsOnly() {
        var buckets = terraform.resources("aws_s3_bucket");
        assertThat(buckets).isNotEmpty();
        for (Resource bucket : buckets) {
            String reference = bucket.type() + "." + bucket.name() + ".id";
            // in the same module as the bucket
            assertThat(terraform.resources("aws_s3_bucket_public_access_block"))
                    .as(bucket + ": all public access blocked")
                    .anyMatch(
                            block ->
                                    block.module().equals(bucket.module())
                                            && reference.equals(
                                                    String.valueOf(block.attribute("bucket")))
                                            && List.of(
                                                            "block_public_acls",
                                                            "block_public_policy",
                                                            "ignore_public_acls",
                                                            "restrict_public_buckets")
                                                    .stream()
                                                    .allMatch(
                                                            key ->
                                                                    Boolean.TRUE.equals(
                                                                            block.attribute(key))));
            assertThat(terraform.resources("aws_s3_bucket_server_side_encryption_configuration"))
                    .as(bucket + ": encrypted with KMS")
                    .anyMatch(
                            encryption ->
                                    reference.equals(String.valueOf(encryption.attribute("bucket")))
                                            && "aws:kms"
                                                    .equals(
                                                            encryption.attribute(
                                                                    "rule",
                                                                    "apply_server_side_encryption_by_default",
                                                                    "sse_algorithm")));
            assertThat(terraform.resources("aws_s3_bucket_policy"))
                    .as(bucket + ": a policy of its own (deny without TLS)")
                    .anyMatch(
                            policy -> reference.equals(String.valueOf(policy.attribute("bucket"))));
        }
    }

    /**
     * The content store's backup beyond versioning (issue 20): every upload is replicated within 15
     * minutes to a versioned bucket in a second region, under a KMS key of that region that rotates
     * and survives a deletion for 30 days; delete markers follow (an erasure completes there too)
     * and the copy keeps noncurrent versions as long as the source.
     */
    @Test
    void uploadsAreReplicatedToAVersionedBucketInASecondRegionUnderAKeyOfItsOwn() {
        Resource replication =
                terraform.resources("aws_s3_bucket_replication_configuration").stream()
                        .filter(configuration -> configuration.module().equals("uploads-bucket"))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "the uploads bucket has no replication configuration"));
        assertThat(String.valueOf(replication.attribute("bucket")))
                .isEqualTo("aws_s3_bucket.this.id");
        assertThat(replication.attribute("rule", "status")).isEqualTo("Enabled");
        assertThat(replication.attribute("rule", "delete_marker_replication", "status"))
                .isEqualTo("Enabled");
        assertThat(
                        replication.attribute(
                                "rule",
                                "source_selection_criteria",
                                "sse_kms_encrypted_objects",
                                "status"))
                .as("KMS-encrypted uploads replicated too")
                .isEqualTo("Enabled");
        assertThat(replication.attribute("rule", "destination", "replication_time", "status"))
                .isEqualTo("Enabled");
        assertThat(
                        replication.attribute(
                                "rule", "destination", "replication_time", "time", "minutes"))
                .as("replicated within (minutes)")
                .isEqualTo(15.0);
        assertThat(String.valueOf(replication.attribute("rule", "destination", "bucket")))
                .isEqualTo("aws_s3_bucket.replica.arn");
        assertThat(
                        String.valueOf(
                                replication.attribute(
                                        "rule",
                                        "destination",
                                        "encryption_configuration",
                                        "replica_kms_key_id")))
                .isEqualTo("aws_kms_key.replica.arn");

        Resource replica = onlyOne("aws_s3_bucket", "replica");
        assertThat(String.valueOf(replica.attribute("provider")))
                .as("the replica's region")
                .isEqualTo("aws.replica");
        assertThat(
                        onlyOne("aws_s3_bucket_versioning", "replica")
                                .attribute("versioning_configuration", "status"))
                .isEqualTo("Enabled");
        assertThat(
                        String.valueOf(
                                onlyOne(
                                                "aws_s3_bucket_server_side_encryption_configuration",
                                                "replica")
                                        .attribute(
                                                "rule",
                                                "apply_server_side_encryption_by_default",
                                                "kms_master_key_id")))
                .isEqualTo("aws_kms_key.replica.arn");
        assertThat(
                        String.valueOf(
                                onlyOne("aws_s3_bucket_lifecycle_configuration", "replica")
                                        .attribute(
                                                "rule",
                                                "noncurrent_version_expiration",
                                                "noncurrent_days")))
                .as("kept as long as the source keeps them")
                .isEqualTo("var.noncurrent_version_days");
        Resource key = onlyOne("aws_kms_key", "replica");
        assertThat(String.valueOf(key.attribute("provider"))).isEqualTo("aws.replica");
        assertThat(key.attribute("enable_key_rotation")).isEqualTo(true);
        assertThat((Double) key.attribute("deletion_window_in_days")).isGreaterThanOrEqualTo(30);

        // the root hands the module a provider in another region than its own
        assertThat(terraform.moduleUses("uploads-bucket"))
                .singleElement()
                .satisfies(
                        use ->
                                assertThat(String.valueOf(use.get("providers")))
                                        .contains("aws.uploads_replica"));
        var region = terraform.rootVariable("uploads_replica_region").orElseThrow();
        assertThat(region.get("validation"))
                .as("a validation refuses the primary region")
                .isNotNull();
    }

    private Resource onlyOne(String type, String name) {
        return terraform.resources(type).stream()
                .filter(
                        resource ->
                                resource.module().equals("uploads-bucket")
                                        && resource.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "modules/uploads-bucket has no " + type + "." + name));
    }

    @Test
    void kafkaAndOpenSearchEncryptAtRestAndInTransit() {
        for (Resource kafka : terraform.resources("aws_msk_cluster")) {
            assertThat(kafka.attribute("encryption_info", "encryption_in_transit", "client_broker"))
                    .as(kafka + " clients over TLS")
                    .isEqualTo("TLS");
            assertThat(kafka.attribute("encryption_info", "encryption_in_transit", "in_cluster"))
                    .as(kafka + " between brokers")
                    .isEqualTo(true);
        }
        var domains = terraform.resources("aws_opensearch_domain");
        assertThat(domains).isNotEmpty();
        for (Resource domain : domains) {
            assertThat(domain.attribute("encrypt_at_rest", "enabled"))
                    .as(domain + " at rest")
                    .isEqualTo(true);
            assertThat(domain.attribute("node_to_node_encryption", "enabled"))
                    .as(domain + " between nodes")
                    .isEqualTo(true);
            assertThat(domain.attribute("domain_endpoint_options", "enforce_https"))
                    .as(domain + " HTTPS only")
                    .isEqualTo(true);
        }
    }

    @Test
    void secretsSurviveAnAccidentalDeletionAndThePersonalDataKeyIsNeverDestroyed() {
        var secrets = terraform.resources("aws_secretsmanager_secret");
        assertThat(secrets).isNotEmpty();
        for (Resource secret : secrets) {
            assertThat((Double) secret.attribute("recovery_window_in_days"))
                    .as(secret + " recovery window")
                    .isGreaterThanOrEqualTo(7);
        }
        assertThat(secrets)
                .filteredOn(secret -> secret.name().equals("personal_data"))
                .singleElement()
                .satisfies(
                        key ->
                                assertThat(key.attribute("lifecycle", "prevent_destroy"))
                                        .isEqualTo(true));
    }

    /**
     * The query-side's pseudonym key (docs/analytics.md) is a secret of its own in every
     * environment (local.name/analytics-pseudonym-key), its value generated during apply into a
     * write-only argument, readable by the External Secrets role and named in kustomize_env for the
     * overlay's ExternalSecret. It leaves the personal-data master key's secret as it was: its
     * name, its replica (escrow) and its protection from destroy.
     */
    @Test
    void everyEnvironmentHasAPseudonymKeyOfItsOwnThatTheSecretsReaderMayRead() throws IOException {
        var versions =
                terraform.resources("aws_secretsmanager_secret_version").stream()
                        .filter(
                                version ->
                                        String.valueOf(version.attribute("secret_string_wo"))
                                                .contains("\"AIC_ANALYTICS_PSEUDONYM_KEY\""))
                        .toList();
        assertThat(versions).as("a secret version holding AIC_ANALYTICS_PSEUDONYM_KEY").hasSize(1);
        Resource version = versions.get(0);
        assertThat(String.valueOf(version.attribute("secret_string_wo")))
                .as(version + ": generated during apply")
                .contains("ephemeral.aws_secretsmanager_random_password.")
                .doesNotContain("AIC_PERSONAL_DATA_MASTER_KEY");
        var secretId =
                Pattern.compile("aws_secretsmanager_secret\\.([a-z0-9_]+)\\.id")
                        .matcher(String.valueOf(version.attribute("secret_id")));
        assertThat(secretId.matches()).as(version + " secret_id").isTrue();
        String secretName = secretId.group(1);
        assertThat(secretName).as("a secret of its own").isNotEqualTo("personal_data");
        Resource secret =
                terraform.resources("aws_secretsmanager_secret").stream()
                        .filter(
                                candidate ->
                                        candidate.module().equals(version.module())
                                                && candidate.name().equals(secretName))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no aws_secretsmanager_secret." + secretName));
        assertThat(String.valueOf(secret.attribute("name")))
                .as(secret + ": one per environment")
                .isEqualTo("local.name/analytics-pseudonym-key");

        assertThat(terraform.resources("aws_secretsmanager_secret"))
                .filteredOn(candidate -> candidate.name().equals("personal_data"))
                .singleElement()
                .satisfies(
                        personalData -> {
                            assertThat(String.valueOf(personalData.attribute("name")))
                                    .isEqualTo("local.name/personal-data");
                            assertThat(personalData.attribute("replica", "region"))
                                    .as("its escrow replica")
                                    .isNotNull();
                            assertThat(personalData.attribute("lifecycle", "prevent_destroy"))
                                    .isEqualTo(true);
                        });

        String reference = "aws_secretsmanager_secret." + secretName;
        assertThat(
                        TerraformConfiguration.blockText(
                                "iam.tf", "data \"aws_iam_policy_document\" \"read_secrets\""))
                .as("the External Secrets role may read it")
                .contains(reference + ".arn");
        assertThat(TerraformConfiguration.blockText("outputs.tf", "output \"kustomize_env\""))
                .as("kustomize_env names it for the overlays' aws.env")
                .containsPattern(
                        "ANALYTICS_PSEUDONYM_KEY_SECRET_NAME\\s*=\\s*"
                                + Pattern.quote(reference + ".name"));
    }

    @Test
    void everyNameThatMustBeUniqueInAnAccountCarriesTheEnvironment() {
        for (var entry : ACCOUNT_WIDE_NAMES.entrySet()) {
            for (Resource resource : terraform.resources(entry.getKey())) {
                String name = String.valueOf(resource.attribute(entry.getValue()));
                assertThat(carriesTheEnvironment(resource.module(), name))
                        .as(resource + " " + entry.getValue() + " = " + name)
                        .isTrue();
            }
        }
    }

    /**
     * A module's input counts when every use of the module in the root passes a value that carries
     * the environment: modules/uploads-bucket names its bucket var.bucket_name, which main.tf
     * builds from local.name.
     */
    private boolean carriesTheEnvironment(String module, String name) {
        if (ENVIRONMENT_NAME.matcher(name).find()) {
            return true;
        }
        var input = Pattern.compile("var\\.([a-z0-9_]+)").matcher(name);
        if (module.isEmpty() || !input.find()) {
            return false;
        }
        var uses = terraform.moduleUses(module);
        return !uses.isEmpty()
                && uses.stream()
                        .allMatch(
                                use ->
                                        ENVIRONMENT_NAME
                                                .matcher(String.valueOf(use.get(input.group(1))))
                                                .find());
    }

    @Test
    void thePublicEntranceHasTlsTheManagedRuleGroupsAndARateLimit() {
        assertThat(terraform.resources("aws_acm_certificate"))
                .singleElement()
                .satisfies(
                        certificate ->
                                assertThat(certificate.attribute("validation_method"))
                                        .isEqualTo("DNS"));
        var firewall = terraform.resources("aws_wafv2_web_acl");
        assertThat(firewall)
                .singleElement()
                .satisfies(
                        acl -> {
                            String rules = String.valueOf(acl.attribute("rule"));
                            assertThat(rules)
                                    .contains(
                                            "AWSManagedRulesCommonRuleSet",
                                            "AWSManagedRulesKnownBadInputsRuleSet",
                                            "AWSManagedRulesAmazonIpReputationList",
                                            "rate_based_statement");
                        });
        assertThat(terraform.resources("aws_wafv2_web_acl_logging_configuration")).hasSize(1);
    }

    /**
     * The environment brings its own network (modules/vpc) rather than assuming one: private
     * subnets in at least two zones (three here, for MSK and OpenSearch) hold the cluster and the
     * data stores, public subnets hold only the load balancer and the NAT gateways, and every flow
     * is logged.
     */
    @Test
    void theEnvironmentHasAVpcOfItsOwnWithPrivateDataSubnetsInSeveralZonesAndFlowLogs() {
        assertThat(terraform.moduleUses("vpc"))
                .as("the root uses modules/vpc")
                .singleElement()
                .satisfies(
                        vpc -> {
                            assertThat((Double) vpc.get("availability_zone_count"))
                                    .as("zones")
                                    .isGreaterThanOrEqualTo(2);
                            assertThat(String.valueOf(vpc.get("name")))
                                    .as("the VPC's name carries the environment")
                                    .matches(".*local\\.name.*|.*var\\.environment.*");
                        });
        assertThat(terraform.rootVariable("vpc_id").orElseThrow().get("default"))
                .as("no VPC is assumed: an empty vpc_id creates one")
                .isEqualTo("");

        var subnets =
                terraform.resources("aws_subnet").stream()
                        .filter(subnet -> subnet.module().equals("vpc"))
                        .toList();
        Resource privateSubnets =
                subnets.stream()
                        .filter(subnet -> subnet.name().equals("private"))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("modules/vpc has no private subnets"));
        Resource publicSubnets =
                subnets.stream()
                        .filter(subnet -> subnet.name().equals("public"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("modules/vpc has no public subnets"));
        for (Resource subnet : List.of(privateSubnets, publicSubnets)) {
            assertThat(String.valueOf(subnet.attribute("count")))
                    .as(subnet + ": one per zone")
                    .contains("availability_zone_count");
            assertThat(String.valueOf(subnet.attribute("availability_zone")))
                    .as(subnet + ": each in its zone")
                    .contains("count.index");
            assertThat(subnet.attribute("map_public_ip_on_launch"))
                    .as(subnet + ": no public address by default")
                    .isEqualTo(false);
        }
        assertThat(String.valueOf(publicSubnets.attribute("tags")))
                .as("the ALB's subnets are the public ones")
                .contains("kubernetes.io/role/elb");

        // the private subnets reach out through NAT gateways in the public subnets, never through
        // the internet gateway
        var privateRoutes =
                terraform.resources("aws_route_table").stream()
                        .filter(
                                table ->
                                        table.module().equals("vpc")
                                                && table.name().equals("private"))
                        .toList();
        assertThat(privateRoutes)
                .singleElement()
                .satisfies(
                        table -> {
                            assertThat(String.valueOf(table.attribute("route", "nat_gateway_id")))
                                    .contains("aws_nat_gateway");
                            assertThat(table.attribute("route", "gateway_id")).isNull();
                        });
        assertThat(terraform.resources("aws_nat_gateway"))
                .singleElement()
                .satisfies(
                        nat ->
                                assertThat(String.valueOf(nat.attribute("subnet_id")))
                                        .contains("aws_subnet.public"));
        assertThat(terraform.resources("aws_flow_log"))
                .as("flow logs")
                .singleElement()
                .satisfies(
                        log ->
                                assertThat(log.attribute("traffic_type"))
                                        .as("accepted and rejected flows")
                                        .isEqualTo("ALL"));

        // what holds data or runs the pods is placed in the private subnets, the load balancer in
        // the public ones
        for (String module : List.of("eks", "postgres", "kafka", "opensearch")) {
            assertThat(terraform.moduleUses(module))
                    .as("modules/" + module)
                    .isNotEmpty()
                    .allSatisfy(
                            use ->
                                    assertThat(String.valueOf(use.get("subnet_ids")))
                                            .as("modules/" + module + " subnet_ids")
                                            .matches(
                                                    "local\\.(private_subnet_ids|data_subnet_ids)"));
        }
    }

    /**
     * OpenSearch checks who asks, not only where from: fine-grained access control with IAM
     * identities (no internal users with passwords, no anonymous access), an IAM role as master
     * user, and a resource policy that names the service's role instead of "*".
     */
    @Test
    void openSearchAdmitsOnlyTheServiceRolesWithFineGrainedAccessControl() {
        var domains = terraform.resources("aws_opensearch_domain");
        assertThat(domains).isNotEmpty();
        for (Resource domain : domains) {
            assertThat(domain.attribute("advanced_security_options", "enabled"))
                    .as(domain + " fine-grained access control")
                    .isEqualTo(true);
            assertThat(
                            domain.attribute(
                                    "advanced_security_options", "internal_user_database_enabled"))
                    .as(domain + " without an internal user database")
                    .isEqualTo(false);
            assertThat(domain.attribute("advanced_security_options", "anonymous_auth_enabled"))
                    .as(domain + " without anonymous access")
                    .isEqualTo(false);
            assertThat(
                            String.valueOf(
                                    domain.attribute(
                                            "advanced_security_options",
                                            "master_user_options",
                                            "master_user_arn")))
                    .as(domain + " master user: an IAM role")
                    .isEqualTo("var.master_user_role_arn");
            assertThat(
                            domain.attribute(
                                    "advanced_security_options",
                                    "master_user_options",
                                    "master_user_password"))
                    .as(domain + " no master password")
                    .isNull();
            assertThat(domain.attribute("node_to_node_encryption", "enabled"))
                    .as(domain + " between nodes")
                    .isEqualTo(true);
            assertThat(domain.attribute("encrypt_at_rest", "enabled"))
                    .as(domain + " at rest")
                    .isEqualTo(true);
            assertThat(domain.attribute("domain_endpoint_options", "enforce_https"))
                    .as(domain + " HTTPS only")
                    .isEqualTo(true);

            String policyName =
                    String.valueOf(domain.attribute("access_policies"))
                            .replaceAll("^data\\.aws_iam_policy_document\\.|\\.json$", "");
            Resource policy =
                    terraform.dataSources("aws_iam_policy_document").stream()
                            .filter(
                                    source ->
                                            source.module().equals(domain.module())
                                                    && source.name().equals(policyName))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    domain
                                                            + ": access_policies is no policy document of its module"));
            String principals =
                    String.valueOf(policy.attribute("statement", "principals", "identifiers"));
            assertThat(principals)
                    .as(domain + " resource policy principals: the roles given, not \"*\"")
                    .isEqualTo("var.client_role_arns");
        }
        assertThat(terraform.moduleUses("opensearch"))
                .singleElement()
                .satisfies(
                        use -> {
                            assertThat(String.valueOf(use.get("master_user_role_arn")))
                                    .as("the master user is a service role")
                                    .startsWith("aws_iam_role.");
                            assertThat(String.valueOf(use.get("client_role_arns")))
                                    .as("the admitted roles: the master user's among them")
                                    .contains(String.valueOf(use.get("master_user_role_arn")))
                                    .doesNotContain("*");
                        });
    }
}
