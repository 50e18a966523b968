package io.callrecords.proxy.deploy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.jspecify.annotations.Nullable;

/**
 * The rules the rendered chart must follow: every field known to Kubernetes (parsed into
 * fabric8's model classes, where an unknown field lands in {@code additionalProperties}),
 * and the deployment hardened and operable as the platform team expects.
 */
final class ChartRules {

	private ChartRules() {
	}

	static List<String> violations(List<HasMetadata> resources) {
		List<String> violations = new ArrayList<>();
		for (HasMetadata resource : resources) {
			if (!(resource instanceof GenericKubernetesResource)) {
				unknownFields(resource, resource.getKind(), violations,
						java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
			}
		}
		List<Deployment> deployments = resources.stream()
			.filter(Deployment.class::isInstance)
			.map(Deployment.class::cast)
			.toList();
		if (deployments.size() != 1) {
			violations.add("exactly one Deployment expected, found " + deployments.size());
			return violations;
		}
		PodSpec pod = deployments.get(0).getSpec().getTemplate().getSpec();
		PodSecurityContext podSecurity = pod.getSecurityContext();
		if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())
				|| podSecurity.getSeccompProfile() == null
				|| !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
			violations.add("the pod must run as non-root with the RuntimeDefault seccomp profile");
		}
		Container container = pod.getContainers().get(0);
		SecurityContext security = container.getSecurityContext();
		if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
			violations.add("the container must not allow privilege escalation");
		}
		if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
			violations.add("the container's root filesystem must be read-only");
		}
		if (security == null || security.getCapabilities() == null
				|| !security.getCapabilities().getDrop().contains("ALL")) {
			violations.add("the container must drop all capabilities");
		}
		boolean writableTmp = container.getVolumeMounts()
			.stream()
			.anyMatch((mount) -> "/tmp".equals(mount.getMountPath()) && pod.getVolumes()
				.stream()
				.anyMatch((volume) -> volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null));
		if (!writableTmp) {
			violations.add("/tmp must be a writable emptyDir");
		}
		probe(container.getLivenessProbe(), "/actuator/health/liveness", "liveness", violations);
		probe(container.getReadinessProbe(), "/actuator/health/readiness", "readiness", violations);
		if (container.getResources() == null || container.getResources().getLimits() == null
				|| !container.getResources().getLimits().containsKey("memory")
				|| container.getResources().getRequests() == null
				|| !container.getResources().getRequests().containsKey("cpu")) {
			violations.add("the container must have a CPU request and a memory limit");
		}
		for (EnvVar variable : (container.getEnv() != null) ? container.getEnv() : List.<EnvVar>of()) {
			boolean secret = variable.getName().contains("SECRET") || variable.getName().endsWith("_KEY");
			if (secret && variable.getValue() != null) {
				violations.add(variable.getName() + " must come from a Secret, not a plain value");
			}
		}
		Long grace = pod.getTerminationGracePeriodSeconds();
		Long preStop = (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null
				&& container.getLifecycle().getPreStop().getSleep() != null)
						? container.getLifecycle().getPreStop().getSleep().getSeconds() : null;
		Long shutdown = shutdownTimeoutSeconds(resources);
		if (grace == null || preStop == null || shutdown == null || grace < preStop + shutdown) {
			violations.add("terminationGracePeriodSeconds must cover the preStop sleep and the shutdown phase "
					+ "(SHUTDOWN_TIMEOUT in the ConfigMap)");
		}
		return violations;
	}

	/**
	 * The service's SHUTDOWN_TIMEOUT as the chart's ConfigMap sets it, in whole seconds.
	 */
	private static @Nullable Long shutdownTimeoutSeconds(List<HasMetadata> resources) {
		return resources.stream()
			.filter(ConfigMap.class::isInstance)
			.map((resource) -> ((ConfigMap) resource).getData().get("SHUTDOWN_TIMEOUT"))
			.filter(Objects::nonNull)
			.filter((value) -> value.matches("[0-9]+s"))
			.map((value) -> Long.valueOf(value.substring(0, value.length() - 1)))
			.findFirst()
			.orElse(null);
	}

	private static void probe(Probe probe, String path, String name, List<String> violations) {
		if (probe == null || probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
			violations.add("the " + name + " probe must GET " + path);
		}
	}

	/**
	 * Walks fabric8 model objects: a field Kubernetes does not know ends up in
	 * additionalProperties.
	 */
	private static void unknownFields(Object value, String path, List<String> violations, Set<Object> seen) {
		if (value == null || !seen.add(value)) {
			return;
		}
		if (value instanceof Collection<?> items) {
			items.forEach((item) -> unknownFields(item, path + "[]", violations, seen));
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((item) -> unknownFields(item, path + "{}", violations, seen));
			return;
		}
		if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method method : value.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
					|| method.getDeclaringClass() == Object.class) {
				continue;
			}
			try {
				Object property = method.invoke(value);
				if (method.getName().equals("getAdditionalProperties")) {
					if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
						violations.add(path + ": unknown fields " + extra.keySet());
					}
				}
				else if (!Objects.equals(method.getReturnType(), Class.class)) {
					unknownFields(property, path + "." + method.getName().substring(3), violations, seen);
				}
			}
			catch (ReflectiveOperationException ex) {
				// not a property
			}
		}
	}

}
