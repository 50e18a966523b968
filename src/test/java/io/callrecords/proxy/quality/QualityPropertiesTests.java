package io.callrecords.proxy.quality;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service refuses to start with a threshold that cannot be meant, and names the
 * variable.
 */
class QualityPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@ParameterizedTest
	@CsvSource({ "audio-min-packets, -1, PROXY_QUALITY_AUDIO_MIN_PACKETS",
			"audio-round-trip-ms, 0, PROXY_QUALITY_AUDIO_ROUND_TRIP_MS",
			"audio-packet-loss-rate, 1.5, PROXY_QUALITY_AUDIO_PACKET_LOSS_RATE",
			"audio-jitter-ms, -30, PROXY_QUALITY_AUDIO_JITTER_MS",
			"audio-degradation, 0, PROXY_QUALITY_AUDIO_DEGRADATION",
			"audio-concealed-ratio, 7, PROXY_QUALITY_AUDIO_CONCEALED_RATIO",
			"video-frame-loss-percent, 150, PROXY_QUALITY_VIDEO_FRAME_LOSS_PERCENT",
			"video-frame-rate, 0, PROXY_QUALITY_VIDEO_FRAME_RATE",
			"video-post-fec-loss-rate, 15, PROXY_QUALITY_VIDEO_POST_FEC_LOSS_RATE",
			"screen-sharing-frame-rate, -2, PROXY_QUALITY_SCREEN_SHARING_FRAME_RATE" })
	void refusesToStartWithAThresholdOutOfRange(String property, String value, String variable) {
		this.contextRunner.withPropertyValues("callrecords.quality." + property + "=" + value)
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining(variable));
	}

	@ParameterizedTest
	@CsvSource({ "audio-min-packets, 0", "audio-packet-loss-rate, 1", "video-frame-loss-percent, 100" })
	void startsWithThresholdsAtTheEndsOfTheirRanges(String property, String value) {
		this.contextRunner.withPropertyValues("callrecords.quality." + property + "=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(QualityProperties.class)
	static class Config {

	}

}
