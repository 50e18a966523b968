package io.callrecords.proxy.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates realistic call records for the simulator: many small ones to page through,
 * and group calls with hundreds of participants and thousands of segments. Deterministic:
 * the same arguments give the same records.
 */
public final class RecordFactory {

	/** The big group call the simulator always serves: 320 participants, 210 sessions. */
	public static final String BIG_GROUP_CALL = "b16c0de0-0000-4000-8000-000000000320";

	/** Where the generated small records start: one every 30 minutes from here. */
	public static final Instant SERIES_START = Instant.parse("2024-06-01T08:00:00Z");

	private static final String OTHER_TENANT = "7e1a1c3c-5b1f-4c3a-9a2d-2b6c0f0e0b11";

	/**
	 * The peer-to-peer calls built to be poor for one reason each: Person 1 calls Person
	 * 2 and the stream Person 1 sends is poor for that metric only (named as the API's
	 * {@code MediaStream} names it), the stream back is good. Keyed by case name.
	 */
	public static final Map<String, QualityCase> POOR_CALLS = qualityCases();

	/**
	 * A call that is poor only when the legacy audio metrics apply: its audio has a
	 * network MOS degradation of 2.5 and 20 % concealed samples, every current metric
	 * good.
	 */
	public static final String POOR_ONLY_BY_LEGACY_AUDIO_METRICS = id("c0a11700", 0x20);

	/**
	 * A meeting with a poor call for the README: Person 1's audio reaches the
	 * conferencing server with 48 ms jitter, Person 2's camera video arrives at 4 frames
	 * a second, Person 3's call and screen sharing are good.
	 */
	public static final String POOR_MEETING = id("c0a11700", 0xff);

	private final JsonMapper json;

	RecordFactory(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Small records, one every 30 minutes from {@link #SERIES_START}, each with its
	 * organizer and two participants (the second of every third record is a phone
	 * number).
	 * @param count how many
	 * @return the records
	 */
	List<ObjectNode> series(int count) {
		List<ObjectNode> records = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Instant start = SERIES_START.plus(Duration.ofMinutes(30L * i));
			ObjectNode record = record(seriesId(i), (i % 2 == 0) ? "peerToPeer" : "groupCall", start,
					start.plusSeconds(300 + i));
			ArrayNode participants = record.putArray("participants_v2");
			participants.add(participant(i % 7));
			participants.add(((i % 3) == 0) ? phone("+1425555" + String.format(Locale.ROOT, "%04d", i))
					: participant(7 + (i % 5)));
			record.set("organizer_v2", participants.get(0).deepCopy());
			record.putArray("sessions").add(session(id("5e5510e0", i), start, 1, 0));
			records.add(record);
		}
		return records;
	}

	/**
	 * A group call with many participants and sessions, each session with segments and
	 * full media streams.
	 * @param id the record id
	 * @param participantCount participants
	 * @param sessionCount sessions
	 * @param segmentsPerSession segments in each session
	 * @return the record
	 */
	public ObjectNode groupCall(String id, int participantCount, int sessionCount, int segmentsPerSession) {
		Instant start = Instant.parse("2024-06-03T13:00:00Z");
		ObjectNode record = record(id, "groupCall", start, start.plus(Duration.ofMinutes(90)));
		record.put("joinWebUrl", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + id + "%40thread.v2/0");
		ArrayNode participants = record.putArray("participants_v2");
		for (int i = 0; i < participantCount; i++) {
			participants.add(((i % 10) == 9) ? phone("+4420" + String.format(Locale.ROOT, "%08d", i)) : participant(i));
		}
		record.set("organizer_v2", participants.get(0).deepCopy());
		ArrayNode sessions = record.putArray("sessions");
		for (int i = 0; i < sessionCount; i++) {
			sessions.add(session(id("5e551000", i), start.plusSeconds(i), segmentsPerSession, i));
		}
		return record;
	}

	/**
	 * The records of {@link #POOR_CALLS}, {@link #POOR_ONLY_BY_LEGACY_AUDIO_METRICS} and
	 * {@link #POOR_MEETING}.
	 * @return the records
	 */
	List<ObjectNode> qualityCalls() {
		List<ObjectNode> records = new ArrayList<>();
		int i = 0;
		for (QualityCase poor : POOR_CALLS.values()) {
			records.add(peerToPeer(poor.id(), i++, poor.label(), poor.metrics()));
		}
		records.add(peerToPeer(POOR_ONLY_BY_LEGACY_AUDIO_METRICS, i, "main-audio",
				Map.of("averageAudioDegradation", 2.5, "averageRatioOfConcealedSamples", 0.2)));
		Instant start = Instant.parse("2024-07-02T09:00:00Z");
		ObjectNode meeting = record(POOR_MEETING, "groupCall", start, start.plus(Duration.ofMinutes(30)));
		meeting.putArray("modalities").add("audio").add("video").add("videoBasedScreenSharing");
		ArrayNode participants = meeting.putArray("participants_v2");
		for (int p = 1; p <= 3; p++) {
			participants.add(participant(p));
		}
		meeting.set("organizer_v2", participants.get(0).deepCopy());
		ArrayNode sessions = meeting.putArray("sessions");
		sessions.add(qualitySession(id("5e5c0a00", 0xf1), start, 1, null,
				List.of(media("main-audio", Map.of("averageJitter", "PT0.048S"), Map.of()))));
		sessions.add(qualitySession(id("5e5c0a00", 0xf2), start, 2, null,
				List.of(media("main-audio", Map.of(), Map.of()), media("main-video", Map.of(),
						withoutMetrics(Map.of("averageVideoFrameRate", 4.0), "averageVideoFrameLossPercentage")))));
		sessions
			.add(qualitySession(id("5e5c0a00", 0xf3), start, 3, null,
					List.of(media("main-audio", Map.of(), Map.of()), media("applicationsharing-video",
							withoutMetrics(Map.of("averageVideoFrameRate", 5.0), "averageVideoFrameLossPercentage"),
							Map.of()))));
		records.add(meeting);
		return records;
	}

	private ObjectNode peerToPeer(String id, int i, String label, Map<String, Object> poor) {
		Instant start = Instant.parse("2024-07-01T10:00:00Z").plus(Duration.ofHours(i));
		ObjectNode record = record(id, "peerToPeer", start, start.plus(Duration.ofMinutes(12)));
		ArrayNode participants = record.putArray("participants_v2");
		participants.add(participant(1));
		participants.add(participant(2));
		record.set("organizer_v2", participants.get(0).deepCopy());
		record.putArray("sessions")
			.add(qualitySession(id("5e5c0a00", i), start, 1, 2, List.of(media(label, poor, Map.of()))));
		return record;
	}

	/**
	 * A session of one segment between a participant and another one, or the conferencing
	 * server.
	 */
	private ObjectNode qualitySession(String id, Instant start, int caller,
			@org.jspecify.annotations.Nullable Integer callee, List<ObjectNode> media) {
		ObjectNode session = this.json.createObjectNode();
		session.put("id", id);
		session.put("startDateTime", start.toString());
		session.put("endDateTime", start.plusSeconds(720).toString());
		session.set("caller", endpoint(caller));
		session.set("callee", (callee != null) ? endpoint(callee) : serviceEndpoint());
		ObjectNode segment = session.putArray("segments").addObject();
		segment.put("id", id);
		segment.put("startDateTime", start.toString());
		segment.put("endDateTime", start.plusSeconds(720).toString());
		segment.set("caller", session.get("caller").deepCopy());
		segment.set("callee", session.get("callee").deepCopy());
		segment.putArray("media").addAll(media);
		return session;
	}

	/**
	 * A medium with good streams both ways, each with some metrics replaced: a value that
	 * is neither text nor number ({@code false}) removes a metric.
	 */
	private ObjectNode media(String label, Map<String, Object> fromCaller, Map<String, Object> fromCallee) {
		ObjectNode media = this.json.createObjectNode();
		media.put("label", label);
		ArrayNode streams = media.putArray("streams");
		streams.add(qualityStream(label, "callerToCallee", fromCaller));
		streams.add(qualityStream(label, "calleeToCaller", fromCallee));
		return media;
	}

	private ObjectNode qualityStream(String label, String direction, Map<String, Object> metrics) {
		ObjectNode stream = this.json.createObjectNode();
		stream.put("streamId", Integer.toString(Math.abs((label + direction).hashCode() % 100000)));
		stream.put("streamDirection", direction);
		if (label.contains("audio")) {
			stream.put("audioCodec", "satin")
				.put("packetUtilization", 1800)
				.put("averageRoundTripTime", "PT0.045S")
				.put("averagePacketLossRate", 0.004)
				.put("averageJitter", "PT0.008S")
				.put("averageAudioDegradation", 0.3)
				.put("averageRatioOfConcealedSamples", 0.01);
		}
		else {
			stream.put("videoCodec", "h264")
				.put("averageVideoFrameLossPercentage", 2.0)
				.put("averageVideoFrameRate", 29.0)
				.put("averageReceivedFrameRate", 28.5)
				.put("postForwardErrorCorrectionPacketLossRate", 0.001)
				.put("averageVideoPacketLossRate", 0.003);
		}
		metrics.forEach((name, value) -> {
			if (value instanceof String text) {
				stream.put(name, text);
			}
			else if (value instanceof Number number) {
				stream.put(name, number.doubleValue());
			}
			else {
				stream.remove(name);
			}
		});
		return stream;
	}

	private static Map<String, QualityCase> qualityCases() {
		Map<String, QualityCase> cases = new LinkedHashMap<>();
		int i = 0;
		cases.put("audio-round-trip", new QualityCase(id("c0a11700", ++i), "main-audio", "averageRoundTripTimeMs",
				Map.of("averageRoundTripTime", "PT0.65S")));
		cases.put("audio-packet-loss", new QualityCase(id("c0a11700", ++i), "main-audio", "averagePacketLossRate",
				Map.of("averagePacketLossRate", 0.18)));
		cases.put("audio-jitter", new QualityCase(id("c0a11700", ++i), "main-audio", "averageJitterMs",
				Map.of("averageJitter", "PT0.048S")));
		cases.put("video-frame-loss", new QualityCase(id("c0a11700", ++i), "main-video",
				"averageVideoFrameLossPercentage", Map.of("averageVideoFrameLossPercentage", 62.0)));
		cases.put("video-frame-rate", new QualityCase(id("c0a11700", ++i), "main-video", "averageVideoFrameRate",
				withoutMetrics(Map.of("averageVideoFrameRate", 4.5), "averageVideoFrameLossPercentage")));
		cases.put("video-received-frame-rate",
				new QualityCase(id("c0a11700", ++i), "main-video", "averageReceivedFrameRate",
						withoutMetrics(Map.of("averageReceivedFrameRate", 5.0), "averageVideoFrameLossPercentage",
								"averageVideoFrameRate")));
		cases.put("video-post-fec-loss",
				new QualityCase(id("c0a11700", ++i), "main-video", "postForwardErrorCorrectionPacketLossRate",
						withoutMetrics(Map.of("postForwardErrorCorrectionPacketLossRate", 0.2),
								"averageVideoFrameLossPercentage", "averageVideoFrameRate",
								"averageReceivedFrameRate")));
		cases.put("screen-sharing-frame-rate",
				new QualityCase(id("c0a11700", ++i), "applicationsharing-video", "averageVideoFrameRate",
						withoutMetrics(Map.of("averageVideoFrameRate", 1.5), "averageVideoFrameLossPercentage")));
		return java.util.Collections.unmodifiableMap(cases);
	}

	private static Map<String, Object> withoutMetrics(Map<String, Object> metrics, String... removed) {
		Map<String, Object> result = new LinkedHashMap<>(metrics);
		for (String metric : removed) {
			result.put(metric, Boolean.FALSE);
		}
		return result;
	}

	/**
	 * A call built to be poor for one reason.
	 *
	 * @param id the record's id
	 * @param label the label of its only medium
	 * @param poorDueTo the metric that makes the caller's stream poor, as the API names
	 * it
	 * @param metrics the Graph metrics of that stream that differ from a good one
	 * ({@code false} removes one)
	 */
	public record QualityCase(String id, String label, String poorDueTo, Map<String, Object> metrics) {

	}

	private ObjectNode record(String id, String type, Instant start, Instant end) {
		ObjectNode record = this.json.createObjectNode();
		record.put("id", id);
		record.put("version", 1);
		record.put("type", type);
		record.putArray("modalities").add("audio").add("video");
		record.put("startDateTime", start.toString());
		record.put("endDateTime", end.toString());
		record.put("lastModifiedDateTime", end.plus(Duration.ofMinutes(40)).toString());
		return record;
	}

	private ObjectNode participant(int i) {
		String userId = id("a11ce000", i);
		ObjectNode participant = this.json.createObjectNode();
		participant.put("id", userId);
		ObjectNode user = participant.putObject("identity").putObject("user");
		user.put("id", userId);
		user.put("displayName", "Person " + i);
		user.put("tenantId", ((i % 8) == 7) ? OTHER_TENANT : GraphSimulator.TENANT_ID);
		user.put("userPrincipalName", "person" + i + "@contoso.com");
		return participant;
	}

	private ObjectNode phone(String number) {
		ObjectNode participant = this.json.createObjectNode();
		participant.put("id", number);
		participant.putObject("identity").putObject("phone").put("id", number);
		return participant;
	}

	private ObjectNode session(String id, Instant start, int segmentCount, int seed) {
		ObjectNode session = this.json.createObjectNode();
		session.put("id", id);
		session.putArray("modalities").add("audio");
		session.put("startDateTime", start.toString());
		session.put("endDateTime", start.plusSeconds(600).toString());
		session.put("isTest", false);
		session.set("caller", endpoint(seed));
		session.set("callee", serviceEndpoint());
		ArrayNode segments = session.putArray("segments");
		for (int i = 0; i < segmentCount; i++) {
			ObjectNode segment = this.json.createObjectNode();
			segment.put("id", id("5e600000", seed * 1000 + i));
			segment.put("startDateTime", start.plusSeconds(i).toString());
			segment.put("endDateTime", start.plusSeconds(i + 1).toString());
			segment.set("caller", endpoint(seed));
			segment.set("callee", serviceEndpoint());
			ObjectNode media = segment.putArray("media").addObject();
			media.put("label", "main-audio");
			media.putObject("callerNetwork")
				.put("ipAddress", "10.0." + (seed % 250) + "." + (i % 250))
				.put("subnet", "10.0." + (seed % 250) + ".0")
				.put("connectionType", "wifi")
				.put("linkSpeed", 54000000L)
				.put("port", 50000 + i)
				.put("relayIPAddress", "52.114.188.32")
				.put("relayPort", 3478)
				.put("receivedQualityEventRatio", 0.01)
				.put("wifiSignalStrength", 80);
			media.putObject("callerDevice")
				.put("captureDeviceName", "Microphone (Headset " + seed + ")")
				.put("renderDeviceName", "Speakers (Headset " + seed + ")")
				.put("receivedSignalLevel", -12)
				.put("micGlitchRate", 12.0)
				.put("speakerGlitchRate", 9.0);
			ArrayNode streams = media.putArray("streams");
			for (String direction : List.of("callerToCallee", "calleeToCaller")) {
				streams.addObject()
					.put("streamId", Integer.toString(100000 + seed * 10 + i))
					.put("streamDirection", direction)
					.put("audioCodec", "satin")
					.put("averageJitter", "PT0.0" + (10 + (i % 80)) + "S")
					.put("maxJitter", "PT0.1S")
					.put("averageRoundTripTime", "PT0.061S")
					.put("maxRoundTripTime", "PT0.079S")
					.put("averagePacketLossRate", 0.001 * (i % 10))
					.put("maxPacketLossRate", 0.02)
					.put("averageRatioOfConcealedSamples", 0.01)
					.put("averageAudioDegradation", 0.4)
					.put("packetUtilization", 2048 + i)
					.put("averageBandwidthEstimate", 9965083L)
					.put("wasMediaBypassed", false)
					.put("averageAudioNetworkJitter", "PT0.043S")
					.put("maxAudioNetworkJitter", "PT0.046S")
					.put("isAudioForwardErrorCorrectionUsed", true);
			}
			segments.add(segment);
		}
		return session;
	}

	private ObjectNode endpoint(int i) {
		ObjectNode endpoint = this.json.createObjectNode();
		endpoint.put("@odata.type", "#microsoft.graph.callRecords.participantEndpoint");
		endpoint.put("name", "laptop-" + i);
		endpoint.putObject("associatedIdentity")
			.put("id", id("a11ce000", i))
			.put("displayName", "Person " + i)
			.put("tenantId", GraphSimulator.TENANT_ID)
			.put("userPrincipalName", "person" + i + "@contoso.com");
		endpoint.putObject("userAgent")
			.put("@odata.type", "#microsoft.graph.callRecords.clientUserAgent")
			.put("platform", "windows")
			.put("productFamily", "teams")
			.put("applicationVersion", "24215.1007.3082.1590");
		return endpoint;
	}

	private ObjectNode serviceEndpoint() {
		ObjectNode endpoint = this.json.createObjectNode();
		endpoint.put("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint");
		endpoint.putObject("userAgent")
			.put("@odata.type", "#microsoft.graph.callRecords.serviceUserAgent")
			.put("role", "conferencingServer");
		return endpoint;
	}

	/**
	 * The id of the {@code i}th record of the {@link #series}.
	 * @param i its number
	 * @return the id
	 */
	public static String seriesId(int i) {
		return id("5e41e500", i);
	}

	private static String id(String prefix, int i) {
		return new UUID(Long.parseUnsignedLong(prefix + "00004000", 16), 0x8000000000000000L | i).toString();
	}

}
