package io.callrecords.proxy.callrecords;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphDeviceInfo;
import io.callrecords.proxy.graph.GraphMedia;
import io.callrecords.proxy.graph.GraphMediaStream;
import io.callrecords.proxy.graph.GraphNetworkInfo;
import io.callrecords.proxy.graph.GraphSegment;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.internal.GraphFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static io.callrecords.proxy.graph.internal.GraphFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Proves that every field of the media the API returns (each {@link Media}, its
 * {@link MediaStream media streams}, caller and callee {@link NetworkInfo networks} with
 * their {@link NetworkInfo.TraceRouteHop trace route hops}, and caller and callee
 * {@link DeviceInfo devices}) carries the value of the Graph field of the same name, or
 * of the same name without {@code Ms} for an ISO-8601 duration in milliseconds. The
 * comparison is generic over the record components, so a swapped positional argument in
 * {@link CallRecordMapper}, a DTO component without a Graph counterpart, or a Graph
 * component the API drops fails: against Microsoft's documented payloads (with values
 * read straight from the fixture text as well, so the mapper is not only compared with
 * the reader) and against a hand-built payload in which every field has a distinct value.
 */
class CallRecordMapperFieldTests {

	private static final String LEGACY_FULL = "callrecord-get-expand-sessions-segments-legacy-full.json";

	private static final String SHORTENED = "callrecord-get-expand-sessions-segments.json";

	private static final String SESSIONS_PAGE = "sessions-list-expand-segments.json";

	private final CallRecordMapper mapper = new CallRecordMapper("dc368399-474c-4d40-900c-6265431fd81f");

	@Test
	void coversEveryOfficialFixtureWithMediaStreams() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:graph/*.json");
		Set<String> withStreams = new TreeSet<>();
		for (Resource resource : resources) {
			if (resource.getContentAsString(StandardCharsets.UTF_8).contains("\"streams\"")) {
				withStreams.add(resource.getFilename());
			}
		}

		assertThat(withStreams).containsExactlyInAnyOrder(LEGACY_FULL, SHORTENED, SESSIONS_PAGE);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			callrecord-get-expand-sessions-segments-legacy-full.json, 1, 2, 2, 2, 16, 13, 11
			callrecord-get-expand-sessions-segments.json,             1, 1, 1, 1,  3,  3,  3
			sessions-list-expand-segments.json,                       1, 2, 2, 2, 17, 13, 11
			""")
	void mapsEveryMediaFieldOfAnOfficialFixtureToItsGraphValue(String fixture, int media, int streams, int networks,
			int devices, int streamFields, int networkFields, int deviceFields) {
		List<GraphSession> graphSessions = graphSessions(fixture);
		List<Session> sessions = mappedSessions(fixture);
		Comparison comparison = new Comparison();

		assertThat(sessions).hasSameSizeAs(graphSessions).isNotEmpty();
		for (int i = 0; i < sessions.size(); i++) {
			List<GraphSegment> graphSegments = nonNull(graphSessions.get(i).segments());
			List<Segment> segments = sessions.get(i).segments();
			assertThat(segments).hasSameSizeAs(graphSegments);
			for (int j = 0; j < segments.size(); j++) {
				List<GraphMedia> graphMedia = nonNull(graphSegments.get(j).media());
				List<Media> mapped = segments.get(j).media();
				assertThat(mapped).hasSameSizeAs(graphMedia);
				for (int k = 0; k < mapped.size(); k++) {
					comparison.assertMapped(graphMedia.get(k), mapped.get(k), fixture + " media[" + k + "]");
				}
			}
		}

		assertThat(comparison.compared(Media.class)).isEqualTo(media);
		assertThat(comparison.compared(MediaStream.class)).isEqualTo(streams);
		assertThat(comparison.compared(NetworkInfo.class)).isEqualTo(networks);
		assertThat(comparison.compared(DeviceInfo.class)).isEqualTo(devices);
		// the fixtures hold real values, so the comparison above cannot pass on nulls
		assertThat(comparison.nonNull(MediaStream.class)).hasSize(streamFields);
		assertThat(comparison.nonNull(NetworkInfo.class)).hasSize(networkFields);
		assertThat(comparison.nonNull(DeviceInfo.class)).hasSize(deviceFields);
	}

	@Test
	void mapsTheStreamsOfTheRichestFixtureToTheValuesInItsText() {
		Media media = firstMedia(LEGACY_FULL);

		assertThat(media.label()).isEqualTo("main-audio");
		MediaStream first = media.streams().get(0);
		assertThat(first.streamId()).isEqualTo("1504545584");
		assertThat(first.streamDirection()).isEqualTo("callerToCallee");
		assertThat(first.averageAudioDegradation()).isNull();
		assertThat(first.averageJitterMs()).isEqualTo(16.0);
		assertThat(first.maxJitterMs()).isEqualTo(21.0);
		assertThat(first.averagePacketLossRate()).isEqualTo(0.0);
		assertThat(first.averageRoundTripTimeMs()).isEqualTo(61.0);
		assertThat(first.maxRoundTripTimeMs()).isEqualTo(79.0);
		assertThat(first.packetUtilization()).isEqualTo(67L);
		assertThat(first.averageBandwidthEstimate()).isEqualTo(9965083L);
		assertThat(first.wasMediaBypassed()).isFalse();
		assertThat(first.averageAudioNetworkJitterMs()).isEqualTo(43.0);
		assertThat(first.maxAudioNetworkJitterMs()).isEqualTo(46.0);
		MediaStream second = media.streams().get(1);
		assertThat(second.streamId()).isEqualTo("1785122252");
		assertThat(second.streamDirection()).isEqualTo("calleeToCaller");
		assertThat(second.averageAudioDegradation()).isEqualTo(1.160898);
		assertThat(second.averageJitterMs()).isEqualTo(7.0);
		assertThat(second.maxJitterMs()).isEqualTo(12.0);
		assertThat(second.averagePacketLossRate()).isEqualTo(0.01381693);
		assertThat(second.maxPacketLossRate()).isEqualTo(0.03738318);
		assertThat(second.averageRatioOfConcealedSamples()).isEqualTo(0.06233422);
		assertThat(second.maxRatioOfConcealedSamples()).isEqualTo(0.07192807);
		assertThat(second.averageRoundTripTimeMs()).isEqualTo(64.0);
		assertThat(second.maxRoundTripTimeMs()).isEqualTo(106.0);
		assertThat(second.packetUtilization()).isEqualTo(709L);
		assertThat(second.averageBandwidthEstimate()).isEqualTo(15644878L);
		assertThat(second.averageAudioNetworkJitterMs()).isEqualTo(266.0);
		assertThat(second.maxAudioNetworkJitterMs()).isEqualTo(474.0);
	}

	@Test
	void mapsTheNetworksOfTheRichestFixtureToTheValuesInItsText() {
		Media media = firstMedia(LEGACY_FULL);

		NetworkInfo caller = media.callerNetwork();
		assertThat(caller.connectionType()).isEqualTo("wifi");
		assertThat(caller.ipAddress()).isEqualTo("10.150.0.2");
		assertThat(caller.subnet()).isEqualTo("10.150.0.0");
		assertThat(caller.linkSpeed()).isEqualTo(54000000L);
		assertThat(caller.port()).isEqualTo(27288);
		assertThat(caller.reflexiveIPAddress()).isEqualTo("127.0.0.2");
		assertThat(caller.relayIPAddress()).isEqualTo("52.114.188.32");
		assertThat(caller.relayPort()).isEqualTo(53889);
		assertThat(caller.macAddress()).isEqualTo("00-00-00-00-00-00");
		assertThat(caller.dnsSuffix()).isNull();
		assertThat(caller.sentQualityEventRatio()).isEqualTo(0.0);
		assertThat(caller.receivedQualityEventRatio()).isEqualTo(0.27);
		// no official example carries the wifi fields or trace route hops: the
		// distinct-values test below covers them
		assertThat(caller)
			.extracting(NetworkInfo::wifiBand, NetworkInfo::wifiChannel, NetworkInfo::wifiSignalStrength,
					NetworkInfo::traceRouteHops)
			.containsOnlyNulls();
		NetworkInfo callee = media.calleeNetwork();
		assertThat(callee.connectionType()).isEqualTo("wired");
		assertThat(callee.ipAddress()).isEqualTo("10.139.0.12");
		assertThat(callee.subnet()).isEqualTo("10.139.80.0");
		assertThat(callee.linkSpeed()).isEqualTo(4294967295L);
		assertThat(callee.port()).isEqualTo(50011);
		assertThat(callee.relayIPAddress()).isEqualTo("52.114.188.102");
		assertThat(callee.relayPort()).isEqualTo(52810);
		assertThat(callee.macAddress()).isEqualTo("00-00-00-00-00-00-00-00");
		assertThat(callee.sentQualityEventRatio()).isEqualTo(0.31);
		assertThat(callee.receivedQualityEventRatio()).isEqualTo(0.0);
	}

	@Test
	void mapsTheDevicesOfTheRichestFixtureToTheValuesInItsText() {
		Media media = firstMedia(LEGACY_FULL);

		DeviceInfo caller = media.callerDevice();
		assertThat(caller.captureDeviceName()).isEqualTo("Default input device");
		assertThat(caller.captureDeviceDriver()).isNull();
		assertThat(caller.renderDeviceName()).isEqualTo("Default output device");
		assertThat(caller.receivedSignalLevel()).isEqualTo(-10);
		assertThat(caller.receivedNoiseLevel()).isEqualTo(-68);
		assertThat(caller.initialSignalLevelRootMeanSquare()).isEqualTo(60.25816);
		assertThat(caller.renderZeroVolumeEventRatio()).isEqualTo(1.0);
		assertThat(caller.renderMuteEventRatio()).isEqualTo(1.0);
		assertThat(caller.micGlitchRate()).isEqualTo(23.0);
		assertThat(caller.speakerGlitchRate()).isEqualTo(3830.0);
		DeviceInfo callee = media.calleeDevice();
		assertThat(callee.captureDeviceName()).isEqualTo("Microphone (Microsoft Virtual Audio Device (Simple) (WDM))");
		assertThat(callee.captureDeviceDriver()).isEqualTo("Microsoft: 5.0.8638.1100");
		assertThat(callee.renderDeviceName()).isEqualTo("Speakers (Microsoft Virtual Audio Device (Simple) (WDM))");
		assertThat(callee.renderDeviceDriver()).isEqualTo("Microsoft: 5.0.8638.1100");
		assertThat(callee.receivedSignalLevel()).isEqualTo(-14);
		assertThat(callee.receivedNoiseLevel()).isEqualTo(-86);
		assertThat(callee.initialSignalLevelRootMeanSquare()).isEqualTo(146.7885);
		assertThat(callee.micGlitchRate()).isEqualTo(143.0);
		assertThat(callee.speakerGlitchRate()).isEqualTo(182.0);
	}

	@Test
	void mapsTheForwardErrorCorrectionFlagOfEachStreamOfTheSessionsFixture() {
		Media media = firstMedia(SESSIONS_PAGE);

		assertThat(media.streams())
			.extracting(MediaStream::isAudioForwardErrorCorrectionUsed, MediaStream::wasMediaBypassed,
					MediaStream::rmsFreezeDurationMs, MediaStream::averageFreezeDurationMs)
			.containsExactly(tuple(true, false, null, null), tuple(false, false, null, null));
	}

	@Test
	void mapsTheFieldsOfTheShortenedFixtureToTheValuesInItsText() {
		Media media = firstMedia(SHORTENED);

		assertThat(media.callerNetwork())
			.extracting(NetworkInfo::ipAddress, NetworkInfo::subnet, NetworkInfo::linkSpeed)
			.containsExactly("10.150.0.2", "10.150.0.0", 54000000L);
		assertThat(media.calleeNetwork()).isNull();
		assertThat(media.callerDevice())
			.extracting(DeviceInfo::captureDeviceName, DeviceInfo::renderDeviceName, DeviceInfo::receivedSignalLevel)
			.containsExactly("Default input device", "Default output device", -10);
		assertThat(media.calleeDevice()).isNull();
		assertThat(media.streams()).singleElement()
			.extracting(MediaStream::streamId, MediaStream::streamDirection, MediaStream::averageJitterMs)
			.containsExactly("1504545584", "callerToCallee", 16.0);
	}

	@Test
	void mapsEveryMediaFieldWithADistinctValueToItsOwnComponent() {
		Generator generator = new Generator();
		GraphMedia expected = generator.media();
		String json = "{\"segments\":[{\"media\":[" + generator.json(expected) + "]}]}";

		GraphSession read = GraphFixtures.read(json, GraphSession.class);
		Media media = this.mapper.session(read).segments().get(0).media().get(0);

		// the reader gets every field, so a name Graph spells differently is caught
		assertThat(read.segments().get(0).media()).containsExactly(expected);
		assertThat(generator.values).doesNotHaveDuplicates().hasSizeGreaterThan(2 * (26 + 21 + 30));
		Comparison comparison = new Comparison();
		comparison.assertMapped(expected, media, "media");
		assertThat(comparison.compared(MediaStream.class)).isEqualTo(2);
		assertThat(comparison.compared(NetworkInfo.class)).isEqualTo(2);
		assertThat(comparison.compared(NetworkInfo.TraceRouteHop.class)).isEqualTo(4);
		assertThat(comparison.compared(DeviceInfo.class)).isEqualTo(2);
		assertThat(comparison.nonNull(MediaStream.class)).hasSize(30);
		assertThat(comparison.nonNull(NetworkInfo.class)).hasSize(26);
		assertThat(comparison.nonNull(NetworkInfo.TraceRouteHop.class)).hasSize(3);
		assertThat(comparison.nonNull(DeviceInfo.class)).hasSize(21);
	}

	@Test
	void setsTheTwoStreamFlagsToDifferentValuesInEachOfTheTwoStreams() {
		GraphMedia media = new Generator().media();

		assertThat(media.streams())
			.extracting(GraphMediaStream::isAudioForwardErrorCorrectionUsed, GraphMediaStream::wasMediaBypassed)
			.containsExactly(tuple(true, false), tuple(false, true));
	}

	private Media firstMedia(String fixture) {
		return mappedSessions(fixture).get(0).segments().get(0).media().get(0);
	}

	private List<Session> mappedSessions(String fixture) {
		String body = fixture(fixture);
		if (isSessionsPage(body)) {
			return graphSessions(fixture).stream().map(this.mapper::session).toList();
		}
		return this.mapper.callRecord(GraphFixtures.record(body)).sessions();
	}

	private static List<GraphSession> graphSessions(String fixture) {
		String body = fixture(fixture);
		if (isSessionsPage(body)) {
			return nonNull(GraphFixtures.page(body, GraphSession.class).items());
		}
		GraphCallRecord record = GraphFixtures.record(body);
		return nonNull(record.sessions());
	}

	private static boolean isSessionsPage(String body) {
		return body.contains("\"value\"");
	}

	private static <T> List<T> nonNull(List<? extends T> values) {
		assertThat(values).isNotNull().doesNotContainNull();
		return new ArrayList<>(values);
	}

	/**
	 * An ISO-8601 duration in milliseconds, as the API defines it.
	 */
	private static Double millis(Duration duration) {
		return BigDecimal.valueOf(duration.getSeconds())
			.multiply(BigDecimal.valueOf(1000))
			.add(BigDecimal.valueOf(duration.getNano()).divide(BigDecimal.valueOf(1_000_000)))
			.doubleValue();
	}

	private static Object value(RecordComponent component, Object record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Compares a DTO with the Graph record it was mapped from, component by component and
	 * into nested records and lists of records.
	 */
	private static final class Comparison {

		private final Map<Class<?>, Integer> compared = new HashMap<>();

		private final Map<Class<?>, Set<String>> nonNull = new HashMap<>();

		void assertMapped(Object graph, Object dto, String path) {
			this.compared.merge(dto.getClass(), 1, Integer::sum);
			Set<String> counterparts = new LinkedHashSet<>();
			for (RecordComponent component : dto.getClass().getRecordComponents()) {
				String where = path + "." + component.getName();
				if (dto instanceof MediaStream && component.getName().equals("quality")) {
					// the service's own verdict, not a Graph value:
					// CallQualityReportsTests
					assertThat(value(component, dto)).as(where).isNotNull();
					continue;
				}
				RecordComponent source = counterpart(graph.getClass(), component);
				assertThat(source).as("%s has no Graph counterpart in %s", where, graph.getClass().getSimpleName())
					.isNotNull();
				counterparts.add(source.getName());
				Object expected = value(source, graph);
				Object actual = value(component, dto);
				if (actual != null) {
					this.nonNull.computeIfAbsent(dto.getClass(), (type) -> new TreeSet<>()).add(component.getName());
				}
				if (expected == null || actual == null) {
					assertThat(actual).as(where).isNull();
					assertThat(expected).as(where).isNull();
				}
				else if (actual.getClass().isRecord()) {
					assertMapped(expected, actual, where);
				}
				else if (actual instanceof List<?> list && !list.isEmpty() && list.get(0).getClass().isRecord()) {
					List<?> graphList = (List<?>) expected;
					assertThat(list).as(where).hasSameSizeAs(graphList);
					for (int i = 0; i < list.size(); i++) {
						assertMapped(graphList.get(i), list.get(i), where + "[" + i + "]");
					}
				}
				else {
					Object converted = (expected instanceof Duration duration) ? millis(duration) : expected;
					assertThat(actual).as(where).isEqualTo(converted);
				}
			}
			assertThat(counterparts).as("%s: the Graph components the API returns", path)
				.containsExactlyInAnyOrder(Arrays.stream(graph.getClass().getRecordComponents())
					.map(RecordComponent::getName)
					.toArray(String[]::new));
		}

		/**
		 * The Graph component of the same name, or for a name ending in {@code Ms} the
		 * Graph duration of the name without it.
		 */
		private static RecordComponent counterpart(Class<?> graphType, RecordComponent component) {
			String name = component.getName();
			for (RecordComponent candidate : graphType.getRecordComponents()) {
				boolean duration = candidate.getType() == Duration.class;
				if (!duration && candidate.getName().equals(name)) {
					return candidate;
				}
				if (duration && name.endsWith("Ms") && candidate.getName().equals(name.substring(0, name.length() - 2))
						&& component.getType() == Double.class) {
					return candidate;
				}
			}
			return null;
		}

		int compared(Class<?> dtoType) {
			return this.compared.getOrDefault(dtoType, 0);
		}

		Set<String> nonNull(Class<?> dtoType) {
			return this.nonNull.getOrDefault(dtoType, Set.of());
		}

	}

	/**
	 * Builds Graph media whose every field holds a value no other field holds (the two
	 * booleans of a stream aside, which differ from each other and flip between the two
	 * streams), driven by the types of the Graph records' components.
	 */
	private static final class Generator {

		private static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

		/** Every value generated, as the API returns it (durations in milliseconds). */
		final List<Object> values = new ArrayList<>();

		private int next = 1;

		private boolean flag = true;

		GraphMedia media() {
			GraphMediaStream first = record(GraphMediaStream.class);
			this.flag = false;
			GraphMediaStream second = record(GraphMediaStream.class);
			return new GraphMedia(string("label"), record(GraphNetworkInfo.class), record(GraphNetworkInfo.class),
					record(GraphDeviceInfo.class), record(GraphDeviceInfo.class), List.of(first, second));
		}

		private <T extends Record> T record(Class<T> type) {
			RecordComponent[] components = type.getRecordComponents();
			Object[] arguments = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				arguments[i] = value(components[i]);
			}
			try {
				Constructor<T> constructor = type.getDeclaredConstructor(
						Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
				return constructor.newInstance(arguments);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private Object value(RecordComponent component) {
			Class<?> type = component.getType();
			int n = this.next++;
			if (type == String.class) {
				return string(component.getName());
			}
			if (type == Integer.class) {
				return remember(1000 + n);
			}
			if (type == Long.class) {
				return remember(5_000_000_000L + n);
			}
			if (type == Double.class) {
				return remember(n + 0.5);
			}
			if (type == Boolean.class) {
				boolean value = this.flag;
				this.flag = !this.flag;
				return value;
			}
			if (type == Duration.class) {
				Duration duration = Duration.ofSeconds(n, 250_000_000L + n * 1000L);
				this.values.add(millis(duration));
				return duration;
			}
			if (type == OffsetDateTime.class) {
				return remember(EPOCH.plusSeconds(n));
			}
			if (type == List.class) {
				Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
				assertThat(element).isEqualTo(GraphNetworkInfo.TraceRouteHop.class);
				return List.of(record(GraphNetworkInfo.TraceRouteHop.class),
						record(GraphNetworkInfo.TraceRouteHop.class));
			}
			throw new IllegalStateException("No value for " + component);
		}

		private String string(String name) {
			return remember(name + "-" + this.next++);
		}

		private <T> T remember(T value) {
			this.values.add(value);
			return value;
		}

		/**
		 * The JSON Graph sends for a record: its components under their Graph names.
		 */
		String json(Object value) {
			if (value instanceof String || value instanceof Duration || value instanceof OffsetDateTime) {
				return "\"" + value + "\"";
			}
			if (value instanceof List<?> list) {
				return list.stream().map(this::json).collect(Collectors.joining(",", "[", "]"));
			}
			if (value != null && value.getClass().isRecord()) {
				StringJoiner object = new StringJoiner(",", "{", "}");
				for (RecordComponent component : value.getClass().getRecordComponents()) {
					JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
					String name = (property != null) ? property.value() : component.getName();
					object.add("\"" + name + "\":" + json(CallRecordMapperFieldTests.value(component, value)));
				}
				return object.toString();
			}
			return String.valueOf(Objects.requireNonNull(value));
		}

	}

}
