package io.callrecords.proxy.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * What the Helm chart's default values declare about running the container, so that
 * {@link ImageIntegrationTests} run the image as a pod of the chart runs (the deployment
 * template takes each from these values; {@link HelmChartTests} checks the rendering).
 *
 * @param runAsUser the pod's user id
 * @param runAsGroup the pod's group id
 * @param managementPort the actuator's container port (probes, metrics)
 * @param memoryLimitBytes the container's memory limit
 * @param shutdownTimeoutSeconds the service's {@code SHUTDOWN_TIMEOUT}
 * @param terminationGracePeriodSeconds how long Kubernetes waits after SIGTERM before it
 * kills the container
 */
record ChartValues(long runAsUser, long runAsGroup, int managementPort, long memoryLimitBytes,
		long shutdownTimeoutSeconds, long terminationGracePeriodSeconds) {

	static final Path VALUES = Path.of("helm", "callrecords-proxy", "values.yaml");

	private static final Pattern QUANTITY = Pattern.compile("([0-9]+)(Ki|Mi|Gi)?");

	static ChartValues load() throws IOException {
		Map<String, Object> values = new Yaml().load(Files.readString(VALUES));
		Map<String, Object> pod = map(values, "podSecurityContext");
		Map<String, Object> limits = map(map(values, "resources"), "limits");
		return new ChartValues(number(pod, "runAsUser"), number(pod, "runAsGroup"),
				(int) number(map(values, "management"), "port"), bytes(String.valueOf(limits.get("memory"))),
				number(values, "shutdownTimeoutSeconds"), number(values, "terminationGracePeriodSeconds"));
	}

	/**
	 * A Kubernetes memory quantity in bytes ({@code 768Mi}).
	 * @param quantity the quantity
	 * @return the bytes
	 */
	static long bytes(String quantity) {
		Matcher matcher = QUANTITY.matcher(quantity);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a memory quantity this test reads: " + quantity);
		}
		long unit = switch ((matcher.group(2) != null) ? matcher.group(2) : "") {
			case "Ki" -> 1024L;
			case "Mi" -> 1024L * 1024;
			case "Gi" -> 1024L * 1024 * 1024;
			default -> 1L;
		};
		return Long.parseLong(matcher.group(1)) * unit;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> values, String key) {
		Object value = values.get(key);
		if (!(value instanceof Map)) {
			throw new IllegalStateException(VALUES + " has no " + key);
		}
		return (Map<String, Object>) value;
	}

	private static long number(Map<String, Object> values, String key) {
		if (!(values.get(key) instanceof Number number)) {
			throw new IllegalStateException(VALUES + ": " + key + " is not a number");
		}
		return number.longValue();
	}

}
