package io.callrecords.proxy.deploy;

import java.util.Map;
import java.util.Properties;

import io.callrecords.proxy.deploy.ImageTestPolicy.Action;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image tests skip only where that is harmless: never silently in CI.
 */
class ImageTestPolicyTests {

	@Test
	void withoutAnEngineOnALaptopTheImageTestsSkip() {
		assertThat(decide(Map.of(), new Properties(), false).action()).isEqualTo(Action.SKIP);
	}

	@Test
	void withoutAnEngineInCiTheImageTestsFailNamingTheWayOut() {
		ImageTestPolicy.Decision decision = decide(Map.of("CI", "true"), new Properties(), false);

		assertThat(decision.action()).isEqualTo(Action.FAIL);
		assertThat(decision.reason()).contains("CI=true", "DOCKER_HOST", "IMAGE_TESTS=skip");
	}

	@Test
	void requiredImageTestsFailWithoutAnEngineOutsideCiToo() {
		assertThat(decide(Map.of("IMAGE_TESTS", "required"), new Properties(), false).action()).isEqualTo(Action.FAIL);
		Properties properties = new Properties();
		properties.setProperty("image.tests", "required");
		assertThat(decide(Map.of(), properties, false).action()).isEqualTo(Action.FAIL);
	}

	@Test
	void anExplicitSkipSkipsEvenInCiAndWithAnEngine() {
		ImageTestPolicy.Decision decision = decide(Map.of("CI", "true", "IMAGE_TESTS", "skip"), new Properties(), true);

		assertThat(decision.action()).isEqualTo(Action.SKIP);
		assertThat(decision.reason()).contains("on purpose");
	}

	@Test
	void aMistypedModeFailsRatherThanSkipping() {
		assertThat(decide(Map.of("IMAGE_TESTS", "skipp"), new Properties(), true).action()).isEqualTo(Action.FAIL);
	}

	@Test
	void withAnEngineTheImageTestsRun() {
		assertThat(decide(Map.of("CI", "true"), new Properties(), true).action()).isEqualTo(Action.RUN);
		assertThat(decide(Map.of(), new Properties(), true).action()).isEqualTo(Action.RUN);
	}

	@Test
	void aPrebuiltImageIsNamedByTheEnvironmentOrAProperty() {
		assertThat(new ImageTestPolicy(Map.of(), new Properties()).prebuiltImage()).isNull();
		assertThat(new ImageTestPolicy(Map.of("CALLRECORDS_PROXY_IMAGE", "callrecords-proxy:ci"), new Properties())
			.prebuiltImage()).isEqualTo("callrecords-proxy:ci");
		Properties properties = new Properties();
		properties.setProperty("image.name", "other:1");
		assertThat(new ImageTestPolicy(Map.of("CALLRECORDS_PROXY_IMAGE", "callrecords-proxy:ci"), properties)
			.prebuiltImage()).isEqualTo("other:1");
	}

	private static ImageTestPolicy.Decision decide(Map<String, String> environment, Properties properties,
			boolean engineAvailable) {
		return new ImageTestPolicy(environment, properties).decide(engineAvailable);
	}

}
