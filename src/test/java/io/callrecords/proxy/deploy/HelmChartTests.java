package io.callrecords.proxy.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart lints and renders with its default values and with every option on, and
 * what it renders is valid Kubernetes (unknown fields rejected) and hardened. Helm runs
 * through {@code helm/helm.sh}, which fetches it when it is not installed.
 */
class HelmChartTests {

	private static final String CHART = "helm/callrecords-proxy";

	/** The values an install needs: everything else keeps its default. */
	private static final String MINIMAL = CHART + "/ci/minimal-values.yaml";

	private static final KubernetesSerialization serialization = new KubernetesSerialization();

	@Test
	void theChartLintsWithDefaultAndAllOptionValues() throws Exception {
		helm("lint", CHART, "--strict", "-f", MINIMAL);
		helm("lint", CHART, "--strict", "-f", CHART + "/ci/all-options-values.yaml");
		helm("lint", CHART, "--strict", "-f", CHART + "/ci/workload-identity-values.yaml");
	}

	@Test
	void theDefaultRenderingIsValidAndHardened() throws Exception {
		List<HasMetadata> resources = render();

		assertThat(ChartRules.violations(resources)).isEmpty();
		assertThat(resources).extracting(HasMetadata::getKind)
			.contains("Deployment", "Service", "ServiceAccount", "ConfigMap", "HorizontalPodAutoscaler",
					"PodDisruptionBudget", "Pod")
			.doesNotContain("NetworkPolicy", "ServiceMonitor");
		Pod test = only(resources, Pod.class);
		assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
		// the test pod is no endpoint of the service it checks
		assertThat(test.getMetadata()
			.getLabels()
			.entrySet()
			.containsAll(only(resources, Service.class).getSpec().getSelector().entrySet()))
			.as("the Service selects the helm test pod")
			.isFalse();
		// Graph's budgets shared by the most replicas the autoscaler runs (4 by default)
		assertThat(only(resources, ConfigMap.class).getData()).containsEntry("GRAPH_BUDGET_RECORD", "10")
			.containsEntry("GRAPH_BUDGET_LIST", "10")
			.containsEntry("GRAPH_BUDGET_APP", "375")
			.containsEntry("GRAPH_BUDGET_CALL_LOG_APP", "50")
			.containsEntry("GRAPH_BUDGET_CALL_LOG", "12")
			.containsEntry("SHUTDOWN_TIMEOUT", "20s");
		assertThat(only(resources, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
	}

	@Test
	void everyOptionRendersValidAndHardened() throws Exception {
		List<HasMetadata> resources = render("-f", CHART + "/ci/all-options-values.yaml");

		assertThat(ChartRules.violations(resources)).isEmpty();
		NetworkPolicy policy = only(resources, NetworkPolicy.class);
		assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
		// traces reach the collector (port 4318 of tracing.otlpEndpoint)
		assertThat(policy.getSpec().getEgress()).flatExtracting((rule) -> rule.getPorts())
			.extracting((port) -> port.getPort().getIntVal())
			.contains(53, 443, 4318);
		// the helm test pod may reach the management port, where otherwise only the
		// scrapers may
		Pod test = only(resources, Pod.class);
		assertThat(policy.getSpec().getIngress()).flatExtracting((rule) -> rule.getFrom())
			.filteredOn((peer) -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null)
			.anySatisfy((peer) -> assertThat(test.getMetadata().getLabels())
				.containsAllEntriesOf(peer.getPodSelector().getMatchLabels()));
		assertThat(only(resources, HorizontalPodAutoscaler.class).getSpec().getMaxReplicas()).isEqualTo(6);
		assertThat(only(resources, ConfigMap.class).getData()).containsEntry("GRAPH_BUDGET_RECORD", "6")
			.containsEntry("GRAPH_BUDGET_APP", "250")
			.containsEntry("GRAPH_FAIR_SHARE_WEIGHTS", "5c0ffee0-0000-4000-8000-00000000ca11=3,reports-app=2");
		assertThat(only(resources, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
		GenericKubernetesResource monitor = (GenericKubernetesResource) resources.stream()
			.filter((resource) -> resource.getKind().equals("ServiceMonitor"))
			.findFirst()
			.orElseThrow();
		assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.toString()).contains("/actuator/prometheus");
		Deployment deployment = only(resources, Deployment.class);
		var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getImage()).contains("@sha256:");
		assertThat(container.getEnv()).anySatisfy((variable) -> {
			assertThat(variable.getName()).isEqualTo("PROXY_CURSOR_KEY");
			assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("callrecords-proxy-cursor");
		});
		assertThat(container.getEnv())
			.anyMatch((variable) -> variable.getName().equals("AZURE_CLIENT_CERTIFICATE_PATH"));
		assertThat(only(resources, Service.class).getSpec().getPorts()).hasSize(2);
	}

	@Test
	void workloadIdentityLabelsThePodAndAnnotatesTheServiceAccount() throws Exception {
		List<HasMetadata> resources = render("-f", CHART + "/ci/workload-identity-values.yaml");

		assertThat(ChartRules.violations(resources)).isEmpty();
		Deployment deployment = only(resources, Deployment.class);
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		assertThat(only(resources, ConfigMap.class).getData()).containsEntry("GRAPH_BUDGET_RECORD", "13")
			.containsEntry("GRAPH_BUDGET_APP", "500");
		assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
			.containsEntry("azure.workload.identity/use", "true");
		assertThat(only(resources, ServiceAccount.class).getMetadata().getAnnotations())
			.containsEntry("azure.workload.identity/client-id", "00000000-0000-0000-0000-000000000002");
		assertThat(resources).extracting(HasMetadata::getKind).doesNotContain("HorizontalPodAutoscaler");
	}

	@Test
	void aChartThatLosesItsHardeningIsCaught() throws Exception {
		List<HasMetadata> resources = render("--set", "securityContext.readOnlyRootFilesystem=false", "--set",
				"securityContext.allowPrivilegeEscalation=true", "--set", "terminationGracePeriodSeconds=5");

		assertThat(ChartRules.violations(resources)).containsExactlyInAnyOrder(
				"the container must not allow privilege escalation",
				"the container's root filesystem must be read-only",
				"terminationGracePeriodSeconds must cover the preStop sleep and the shutdown phase "
						+ "(SHUTDOWN_TIMEOUT in the ConfigMap)");
		assertThat(ChartRules.violations(render("--set", "shutdownTimeoutSeconds=40")))
			.contains("terminationGracePeriodSeconds must cover the preStop sleep and the shutdown phase "
					+ "(SHUTDOWN_TIMEOUT in the ConfigMap)");
	}

	@Test
	void aFieldKubernetesDoesNotKnowIsCaught() {
		List<HasMetadata> resources = parse("""
				apiVersion: v1
				kind: Service
				metadata:
				  name: x
				spec:
				  prots:
				    - port: 80
				""");

		assertThat(ChartRules.violations(resources)).anyMatch((violation) -> violation.contains("prots"));
	}

	@Test
	void withRedisTheReplicasShareGraphsWholeBudgetsAndKnowTheirShareForWhenRedisFails() throws Exception {
		List<HasMetadata> resources = render("--set", "redis.existingSecret=crp-redis", "--set",
				"redis.cacheKey.existingSecret=crp-cache", "--set", "networkPolicy.enabled=true");

		assertThat(ChartRules.violations(resources)).isEmpty();
		assertThat(only(resources, ConfigMap.class).getData()).containsEntry("GRAPH_BUDGET_RECORD", "40")
			.containsEntry("GRAPH_BUDGET_LIST", "40")
			.containsEntry("GRAPH_BUDGET_APP", "1500")
			.containsEntry("GRAPH_BUDGET_CALL_LOG_APP", "200")
			.containsEntry("GRAPH_BUDGET_CALL_LOG", "50")
			.containsEntry("PROXY_CLUSTER_REPLICAS", "4")
			// the URL with its password comes from the Secret, never the ConfigMap
			.doesNotContainKey("SPRING_DATA_REDIS_URL");
		var container = only(resources, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getEnv()).anySatisfy((variable) -> {
			assertThat(variable.getName()).isEqualTo("SPRING_DATA_REDIS_URL");
			assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("crp-redis");
		}).anySatisfy((variable) -> {
			assertThat(variable.getName()).isEqualTo("PROXY_CLUSTER_CACHE_KEY");
			assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("crp-cache");
		});
		assertThat(only(resources, NetworkPolicy.class).getSpec().getEgress()).flatExtracting((rule) -> rule.getPorts())
			.extracting((port) -> port.getPort().getIntVal())
			.contains(6380);
		assertThat(only(render("--set", "redis.url=redis://redis.cache:6379", "--set",
				"redis.cacheKey.existingSecret=crp-cache"), ConfigMap.class)
			.getData()).containsEntry("SPRING_DATA_REDIS_URL", "redis://redis.cache:6379");
		// without the key that seals records, or with a password in the plain URL:
		// refused
		assertThat(fails("template", "t", CHART, "-f", MINIMAL, "--set", "redis.url=redis://redis.cache:6379"))
			.contains("redis.cacheKey.existingSecret");
		assertThat(fails("template", "t", CHART, "-f", MINIMAL, "--set", "redis.url=redis://:secret@redis.cache:6379",
				"--set", "redis.cacheKey.existingSecret=crp-cache"))
			.contains("redis");
	}

	@Test
	void withoutItsRequiredValuesTheChartFailsAtOnceNamingEachMissingOne() throws Exception {
		String all = fails("template", "t", CHART);
		String partial = fails("template", "t", CHART, "-f", MINIMAL, "--set", "auth.audience=", "--set",
				"azure.existingSecret=");

		assertThat(all).contains("azure.tenantId", "azure.clientId", "azure.existingSecret",
				"azure.certificate.existingSecret", "azure.workloadIdentity.enabled", "auth.issuerUri",
				"auth.jwkSetUri", "auth.audience");
		assertThat(partial).contains("auth.audience", "a credential")
			.doesNotContain("azure.tenantId", "auth.issuerUri");
		// helm lint renders in lint mode, where fail only logs: install and template are
		// what stop
		// without inbound authentication, no issuer or audience is needed
		render("--set", "auth.enabled=false", "--set", "auth.issuerUri=", "--set", "auth.audience=");
	}

	@Test
	void valuesOutsideTheSchemaAreRejected() throws Exception {
		Process helm = start("template", "t", CHART, "-f", MINIMAL, "--set", "graph.requestTimeout=forever");

		assertThat(helm.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(helm.exitValue()).isNotZero();
		assertThat(new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("requestTimeout");
		// the image serves the actuator apart from the API (its Spring AOT build fixed
		// that)
		assertThat(fails("template", "t", CHART, "-f", MINIMAL, "--set", "management.port=8080"))
			.contains("management.port");
	}

	private static List<HasMetadata> render(String... options) throws Exception {
		List<String> arguments = new ArrayList<>(
				List.of("template", "release", CHART, "--namespace", "calls", "-f", MINIMAL));
		arguments.addAll(List.of(options));
		return parse(helm(arguments.toArray(String[]::new)));
	}

	private static String fails(String... arguments) throws Exception {
		Process helm = start(arguments);
		String output = new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(helm.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(helm.exitValue()).as("helm %s", String.join(" ", arguments)).isNotZero();
		return output;
	}

	private static List<HasMetadata> parse(String yaml) {
		List<HasMetadata> resources = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (document.lines().anyMatch((line) -> line.startsWith("kind:"))) {
				resources.add(serialization.unmarshal(document));
			}
		}
		return resources;
	}

	private static String helm(String... arguments) throws IOException, InterruptedException {
		Process helm = start(arguments);
		String output = new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(helm.waitFor(300, TimeUnit.SECONDS)).as("helm finished").isTrue();
		assertThat(helm.exitValue()).as("helm %s:%n%s", String.join(" ", arguments), output).isZero();
		return output;
	}

	private static Process start(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("bash", Path.of("helm", "helm.sh").toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
		List<T> matching = resources.stream().filter(type::isInstance).map(type::cast).toList();
		assertThat(matching).as(type.getSimpleName()).hasSize(1);
		return matching.get(0);
	}

}
