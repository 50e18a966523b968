package io.callrecords.proxy.graph.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphEndpoint;
import io.callrecords.proxy.graph.GraphIdentitySet;
import io.callrecords.proxy.graph.GraphMediaStream;
import io.callrecords.proxy.graph.GraphSession;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading Graph's JSON into typed records: Graph's names, Graph's types, and a value of
 * the wrong type or format read as absent instead of failing the record.
 */
class GraphJsonTests {

	@Test
	void aRecordReadsWithItsNestedNextLinksForTheClientOnly() {
		CallRecordBody body = new GraphJson().read("""
				{"id":"r","version":3,"organizer_v2":{"id":"o"},
				 "participants_v2":[{"id":"p"}],"participants_v2@odata.nextLink":"https://graph/next",
				 "sessions":[],"sessions@odata.nextLink":"https://graph/sessions","unknown":{"x":[1,2]}}
				""", CallRecordBody.class);

		assertThat(body.id()).isEqualTo("r");
		assertThat(body.version()).isEqualTo(3L);
		assertThat(body.organizer().id()).isEqualTo("o");
		assertThat(body.participantsNextLink()).isEqualTo("https://graph/next");
		assertThat(body.sessionsNextLink()).isEqualTo("https://graph/sessions");
		GraphCallRecord record = body.toRecord(body.participants(), true, body.sessions(), false);
		assertThat(record.participantsTruncated()).isTrue();
		assertThat(record.participants()).hasSize(1);
	}

	@Test
	void valuesOfTheWrongTypeReadAsAbsent() {
		GraphMediaStream stream = GraphFixtures.read("""
				{"streamId":7,"averageJitter":12,"maxJitter":"PT1Y","averageRoundTripTime":"PT0.05S",
				 "packetUtilization":1.5,"averageBandwidthEstimate":"1200","wasMediaBypassed":1,
				 "isAudioForwardErrorCorrectionUsed":"true","averagePacketLossRate":"0.25",
				 "averageAudioDegradation":{"a":1},"streamDirection":["x"]}
				""", GraphMediaStream.class);

		assertThat(stream.streamId()).isNull();
		assertThat(stream.averageJitter()).isNull();
		assertThat(stream.maxJitter()).isNull();
		assertThat(stream.averageRoundTripTime()).isEqualTo(Duration.ofMillis(50));
		assertThat(stream.packetUtilization()).isNull();
		assertThat(stream.averageBandwidthEstimate()).isEqualTo(1200L);
		assertThat(stream.wasMediaBypassed()).isNull();
		assertThat(stream.isAudioForwardErrorCorrectionUsed()).isNull();
		assertThat(stream.averagePacketLossRate()).isEqualTo(0.25);
		assertThat(stream.averageAudioDegradation()).isNull();
		assertThat(stream.streamDirection()).isNull();
	}

	@Test
	void timestampsReadByHandReadAsJacksonReadsThem() {
		GraphJson quick = new GraphJson(true);
		GraphJson jackson = new GraphJson(false);
		List<String> values = new ArrayList<>(List.of("\"2024-06-01T11:00:00Z\"", "\"2024-06-01T11:00:00.1234567Z\"",
				"\"2024-06-01T11:00:00.1Z\"", "\"2024-06-01T11:00:00.123456789Z\"",
				"\"2024-06-01T11:00:00.1234567891Z\"", "\"2024-06-01T11:00:00.Z\"", "\"2024-02-30T11:00:00Z\"",
				"\"2024-13-01T11:00:00Z\"", "\"2024-06-01T24:00:00Z\"", "\"2024-06-01T23:59:60Z\"",
				"\"0000-01-01T00:00:00Z\"", "\"2024-06-01T11:00:00+02:00\"", "\"2024-06-01T11:00:00.5-07:30\"",
				"\"2024-06-01T11:00Z\"", "\"2024-06-01 11:00:00Z\"", "\" 2024-06-01T11:00:00Z \"", "\"2024-06-01\"",
				"\"\"", "\"Z\"", "\"2024-06-01T11:00:00z\"", "\"+2024-06-01T11:00:00Z\"", "1717239600", "1717239600.5",
				"null", "true", "{}", "[]"));
		Random random = new Random(25);
		String alphabet = "0123456789-T:.Z+ ";
		for (int i = 0; i < 5_000; i++) {
			StringBuilder text = new StringBuilder("2024-06-01T11:00:00.1234567Z");
			for (int changes = random.nextInt(3); changes >= 0; changes--) {
				int at = random.nextInt(text.length());
				switch (random.nextInt(3)) {
					case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
					case 1 -> text.deleteCharAt(at);
					default -> text.insert(at, alphabet.charAt(random.nextInt(10)));
				}
			}
			values.add("\"" + text + "\"");
		}
		for (String value : values) {
			String body = "{\"startDateTime\":" + value + "}";
			assertThat(quick.read(body, GraphSession.class).startDateTime()).as(value)
				.isEqualTo(jackson.read(body, GraphSession.class).startDateTime());
		}
	}

	@Test
	void datesKeepTheOffsetGraphSent() {
		GraphSession session = GraphFixtures.read("{\"startDateTime\":\"2024-06-01T11:00:00.1234567+02:00\"}",
				GraphSession.class);

		assertThat(session.startDateTime()).hasToString("2024-06-01T11:00:00.123456700+02:00");
	}

	@Test
	void anIdentitySetKeepsItsSlotsInGraphsOrderAndMembersThatAreNotIdentitiesAreEmpty() {
		GraphIdentitySet set = GraphFixtures.read("""
				{"@odata.type":"#microsoft.graph.communicationsIdentitySet","endpointType":"default",
				 "user":null,"futureKind":{"id":"f","displayName":"Future"},"guest":{"id":"g"}}
				""", GraphIdentitySet.class);

		assertThat(set.slots().keySet()).containsExactly("@odata.type", "endpointType", "user", "futureKind", "guest");
		assertThat(set.slot("user")).isNull();
		assertThat(set.slot("endpointType")).isNull();
		assertThat(set.slot("futureKind").displayName()).isEqualTo("Future");
		assertThat(set.slot("guest").id()).isEqualTo("g");
	}

	@Test
	void anIdentitySetThatIsNotAnObjectReadsAsEmptyWithoutFailingItsRecord() {
		CallRecordBody body = new GraphJson().read("""
				{"id":"r","organizer_v2":{"id":"o","identity":[1,"x"]},"participants_v2":[{"id":"p","identity":"x"}]}
				""", CallRecordBody.class);

		assertThat(body.id()).isEqualTo("r");
		assertThat(body.organizer().identity().slots()).isEmpty();
		assertThat(body.participants().get(0).identity().slots()).isEmpty();
	}

	@Test
	void feedbackTokensThatAreNotBooleansReadAsAbsent() {
		GraphEndpoint endpoint = GraphFixtures.read("""
				{"feedback":{"rating":"poor","tokens":{"NoSound":true,"Echo":false,"@odata.type":"#x","Odd":"yes"}}}
				""", GraphEndpoint.class);

		assertThat(endpoint.feedback().tokens()).containsEntry("NoSound", true)
			.containsEntry("Echo", false)
			.containsEntry("Odd", null);
	}

	@Test
	void aValueRepeatedInOneBodyIsKeptOnce() {
		GraphSession session = GraphFixtures.read("""
				{"modalities":["audio","audio"],"segments":[
				  {"media":[{"label":"main-audio","streams":[
				    {"streamDirection":"callerToCallee","averagePacketLossRate":0.25},
				    {"streamDirection":"callerToCallee","averagePacketLossRate":"0.25"}]}]},
				  {"media":[{"label":"main-audio"}]}]}
				""", GraphSession.class);

		GraphMediaStream first = session.segments().get(0).media().get(0).streams().get(0);
		GraphMediaStream second = session.segments().get(0).media().get(0).streams().get(1);
		assertThat(second.streamDirection()).isEqualTo("callerToCallee").isSameAs(first.streamDirection());
		assertThat(second.averagePacketLossRate()).isEqualTo(0.25).isSameAs(first.averagePacketLossRate());
		assertThat(session.segments().get(1).media().get(0).label())
			.isSameAs(session.segments().get(0).media().get(0).label());
		assertThat(session.modalities().get(1)).isSameAs(session.modalities().get(0));
	}

	@Test
	void recordsAreReadMemberByMemberIntoTheirConstructorWithoutJacksonsGeneralCreatorOrSpreadingTheArgumentsEachTime() {
		Created created = new GraphJson().read("""
				{"name":"a","count":2,"ignored":true}
				""", Created.class);

		assertThat(Created.spreadEachTime).isFalse();
		assertThat(Created.throughJacksonsCreator).isFalse();
		assertThat(created).isEqualTo(new Created("a", 2, null, true));
		// a constructor that refuses its arguments: handled as Jackson handles it (the
		// lenient reading makes the value absent)
		assertThat(new GraphJson().read("{\"name\":\"\"}", Created.class)).isNull();
	}

	@Test
	void aBodyThatIsNotJsonFails() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> new GraphJson().read("<html>", CallRecordBody.class));
	}

	/**
	 * A Graph-like record that notes how Jackson called its constructor.
	 */
	record Created(String name, Integer count, String absent, Boolean witnessed) {

		static volatile boolean spreadEachTime;

		static volatile boolean throughJacksonsCreator;

		Created {
			if (name.isEmpty()) {
				throw new IllegalArgumentException("empty name");
			}
			// MethodHandle.invokeWithArguments spreads the argument array anew per call
			spreadEachTime = StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
				.walk((frames) -> frames.anyMatch((frame) -> frame.getMethodName().equals("invokeWithArguments")));
			// Jackson's general property-based creator, with its name lookups and buffer
			throughJacksonsCreator = StackWalker.getInstance()
				.walk((frames) -> frames
					.anyMatch((frame) -> frame.getMethodName().equals("_deserializeUsingPropertyBased")));
			witnessed = true;
		}

	}

}
