package io.callrecords.proxy.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Whether {@link ImageIntegrationTests} run, skip or fail, and on which image. Without a
 * container engine they skip, as on a developer's laptop without Docker, unless they are
 * required: then a missing engine fails them, so that CI never reports the image as
 * tested when it was not. Read from the environment or, for a single Maven run, system
 * properties:
 * <ul>
 * <li>{@code IMAGE_TESTS} / {@code image.tests}: {@code required} (the default when
 * {@code CI=true}) or {@code skip} (skipped even where an engine is reachable, saying
 * so);</li>
 * <li>{@code CALLRECORDS_PROXY_IMAGE} / {@code image.name}: an image already built from
 * the Dockerfile ({@code .ci/image.sh} builds one with the engine's CLI, which caches
 * every stage); without it the tests build the Dockerfile themselves.</li>
 * </ul>
 */
final class ImageTestPolicy {

	static final String MODE_VARIABLE = "IMAGE_TESTS";

	static final String MODE_PROPERTY = "image.tests";

	static final String IMAGE_VARIABLE = "CALLRECORDS_PROXY_IMAGE";

	static final String IMAGE_PROPERTY = "image.name";

	private final Map<String, String> environment;

	private final Properties properties;

	ImageTestPolicy(Map<String, String> environment, Properties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	static ImageTestPolicy current() {
		return new ImageTestPolicy(System.getenv(), System.getProperties());
	}

	/**
	 * What to do, given whether a container engine answers.
	 * @param engineAvailable whether Testcontainers reaches a Docker-compatible engine
	 * @return the decision and its reason
	 */
	Decision decide(boolean engineAvailable) {
		String mode = setting(MODE_VARIABLE, MODE_PROPERTY);
		String normalised = (mode != null) ? mode.trim().toLowerCase(Locale.ROOT) : "";
		if (normalised.equals("skip")) {
			return new Decision(Action.SKIP, MODE_VARIABLE + "=" + mode + ": the image tests are skipped on purpose");
		}
		boolean ci = "true".equalsIgnoreCase(this.environment.get("CI"));
		boolean required = normalised.equals("required") || (normalised.isEmpty() && ci);
		if (!normalised.isEmpty() && !normalised.equals("required")) {
			return new Decision(Action.FAIL, MODE_VARIABLE + "=" + mode + " is neither 'required' nor 'skip'");
		}
		if (engineAvailable) {
			return new Decision(Action.RUN, "a container engine is reachable");
		}
		if (required) {
			return new Decision(Action.FAIL,
					"no container engine is reachable, and the image tests are required ("
							+ (normalised.isEmpty() ? "CI=true" : MODE_VARIABLE + "=" + mode)
							+ "): set DOCKER_HOST to an engine's socket (.ci/image.sh sets up Podman's), or "
							+ MODE_VARIABLE + "=skip to skip them on purpose");
		}
		return new Decision(Action.SKIP, "no container engine is reachable (Docker, or Podman through DOCKER_HOST)");
	}

	/**
	 * The image to test, when one was built beforehand.
	 * @return its name, or {@code null} to build the Dockerfile
	 */
	@Nullable String prebuiltImage() {
		String image = setting(IMAGE_VARIABLE, IMAGE_PROPERTY);
		return (image != null && !image.isBlank()) ? image.trim() : null;
	}

	private @Nullable String setting(String variable, String property) {
		String value = this.properties.getProperty(property);
		return (value != null) ? value : this.environment.get(variable);
	}

	enum Action {

		RUN, SKIP, FAIL

	}

	record Decision(Action action, String reason) {
	}

	/**
	 * Applies the policy to a test class: reported as skipped with the reason, or failed.
	 */
	static final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (context.getTestMethod().isPresent()) {
				return ConditionEvaluationResult.enabled("decided for the class");
			}
			Decision decision = current().decide(DockerClientFactory.instance().isDockerAvailable());
			return switch (decision.action()) {
				case RUN -> ConditionEvaluationResult.enabled(decision.reason());
				case SKIP -> ConditionEvaluationResult.disabled(decision.reason());
				case FAIL -> throw new IllegalStateException(decision.reason());
			};
		}

	}

}
