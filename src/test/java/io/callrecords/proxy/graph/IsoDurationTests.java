package io.callrecords.proxy.graph;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph's durations read by hand give exactly what {@link Duration#parse} gives, for
 * Graph's own forms and for everything else (which falls back to it).
 */
class IsoDurationTests {

	@Test
	void graphsFormsReadAsDurationParseReadsThem() {
		assertThat(IsoDuration.parse("PT0.016S")).isEqualTo(Duration.ofMillis(16));
		assertThat(IsoDuration.parse("PT1M2.5S")).isEqualTo(Duration.ofSeconds(62, 500_000_000));
		assertThat(IsoDuration.parse("PT2H")).isEqualTo(Duration.ofHours(2));
		assertThat(IsoDuration.parse("PT0.0000001S")).isEqualTo(Duration.ofNanos(100));
		for (String text : List.of("PT0S", "PT0.05S", "PT1.234567891S", "PT10H20M30S", "PT10H30.1S", "PT59M",
				"PT123456789S", "PT999999999H", "PT1H0.S", "PT.5S", "PT1.S", "PT-1S", "-PT1S", "P1D", "P1DT2H", "PT",
				"PT1", "PT1X", "PT1S2M", "PT1M1H", "PT1,5S", "PT1.1234567891S", "PT1234567890S", "pt1s", "PT1HS",
				"PT0.016S ", "PT1H1H", "PT1.5M", "PT+1S", "")) {
			assertThat(IsoDuration.parse(text)).as(text).isEqualTo(reference(text));
		}
	}

	@Test
	void randomFormsReadAsDurationParseReadsThem() {
		Random random = new Random(16);
		String alphabet = "PT0123456789HMS.-+D,";
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder((random.nextInt(10) < 8) ? "PT" : "");
			int length = random.nextInt(12);
			for (int j = 0; j < length; j++) {
				text.append(alphabet.charAt(random.nextInt((random.nextInt(4) == 0) ? alphabet.length() : 14)));
			}
			texts.add(text.toString());
		}
		for (String text : texts) {
			assertThat(IsoDuration.parse(text)).as(text).isEqualTo(reference(text));
		}
	}

	private static @Nullable Duration reference(String text) {
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
