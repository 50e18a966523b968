package io.callrecords.proxy.callrecords;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.internal.GraphFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static io.callrecords.proxy.graph.internal.GraphFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The flattening mapper against Microsoft's documented payloads (under {@code graph/})
 * and hand-written identity sets for every identity kind.
 */
class CallRecordMapperTests {

	private static final String HOME = "dc368399-474c-4d40-900c-6265431fd81f";

	private static final String OTHER = "7e1a1c3c-5b1f-4c3a-9a2d-2b6c0f0e0b11";

	private final CallRecordMapper mapper = new CallRecordMapper(HOME);

	static Stream<Arguments> fixtures() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:graph/*.json");
		assertThat(resources).hasSizeGreaterThanOrEqualTo(19);
		return Arrays.stream(resources).map((resource) -> Arguments.of(resource.getFilename()));
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void mapsEveryOfficialFixtureWithoutAnException(String fixture) {
		String body = fixture(fixture);
		assertThatNoException().isThrownBy(() -> {
			this.mapper.callRecord(GraphFixtures.record(body));
			if (body.contains("\"value\"") && body.trim().startsWith("{")) {
				GraphFixtures.records(body).items().forEach(this.mapper::callRecord);
				GraphFixtures.page(body, GraphSession.class).items().forEach(this.mapper::session);
				GraphFixtures.page(body, GraphParticipant.class).items().forEach(this.mapper::participant);
			}
		});
	}

	@Test
	void mapsTheCurrentRecordShapeWithItsAutoExpandedOrganizer() {
		CallRecordResponse record = this.mapper.callRecord(record(fixture("callrecord-get.json")));

		assertThat(record.id()).isEqualTo("e523d2ed-2966-4b6b-925b-754a88034cc5");
		assertThat(record.version()).isEqualTo(1);
		assertThat(record.type()).isEqualTo("peerToPeer");
		assertThat(record.modalities()).containsExactly("audio");
		assertThat(record.startDateTime()).hasToString("2020-02-25T18:52:21.216988900Z");
		assertThat(record.durationSeconds()).isEqualTo(25.5470124);
		assertThat(record.organizer()).isEqualTo(
				new Party("821809f5-0000-0000-0000-3b5136c0e777", "Abbie Wilkins", HOME, null, PartyKind.USER, false));
		assertThat(record.participants()).isNull();
		assertThat(record.sessions()).isNull();
	}

	@Test
	void mapsAPhoneOrganizerWhoseIdIsTheNumber() {
		GraphCallRecord pstnRecord = GraphFixtures.records(fixture("callrecords-list.json")).items().get(1);

		Party organizer = this.mapper.callRecord(pstnRecord).organizer();

		assertThat(organizer).isEqualTo(new Party("+5564981205182", null, null, null, PartyKind.PHONE, true));
	}

	@Test
	void mapsExpandedParticipantsWithGraphsParticipantId() {
		List<Party> participants = this.mapper.callRecord(record(fixture("callrecord-get-expand-participants_v2.json")))
			.participants();

		assertThat(participants).extracting(Party::id, Party::displayName, Party::userPrincipalName)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("821809f5-0000-0000-0000-3b5136c0e777", "Abbie Wilkins",
							"abbie.wilkins@contoso.com"),
					org.assertj.core.groups.Tuple.tuple("821809f5-0000-0000-0000-3b5136c0e777", "Owen Franklin",
							"owen.franklin@contoso.com"));
	}

	@Test
	void mapsParticipantsWhoseIdentitySetsCarryExplicitNulls() {
		GraphPage<GraphParticipant> page = GraphFixtures.page(fixture("participants_v2-list.json"),
				GraphParticipant.class);

		Party first = this.mapper.participant(page.items().get(0));

		assertThat(first).isEqualTo(new Party("00005994-851d-4988-bbc3-413bbf089e13", "Anette Thomsen", HOME,
				"anette.thomsen@contoso.com", PartyKind.USER, false));
	}

	@Test
	void mapsTheDeprecatedOrganizerAndParticipantsWhenNoV2DataIsPresent() {
		CallRecordResponse record = this.mapper
			.callRecord(record(fixture("callrecord-get-legacy-organizer-participants.json")));

		assertThat(record.organizer()).isEqualTo(
				new Party("821809f5-0000-0000-0000-3b5136c0e777", "Abbie Wilkins", HOME, null, PartyKind.USER, false));
		assertThat(record.participants()).extracting(Party::displayName)
			.containsExactly("Abbie Wilkins", "Owen Franklin");
	}

	@Test
	void mapsSegmentsMediaAndStreamsWithDurationsInMilliseconds() {
		CallRecordResponse record = this.mapper
			.callRecord(record(fixture("callrecord-get-expand-sessions-segments-legacy-full.json")));

		Session session = record.sessions().get(0);
		assertThat(session.caller().endpointType()).isEqualTo("participant");
		assertThat(session.caller().party().displayName()).isEqualTo("Abbie Wilkins");
		assertThat(session.caller().userAgent().platform()).isEqualTo("android");
		assertThat(session.caller().userAgent().productFamily()).isEqualTo("skypeForBusiness");
		Segment segment = session.segments().get(0);
		assertThat(session.callee().feedback().rating()).isEqualTo("poor");
		assertThat(session.callee().feedback().tokens()).containsEntry("Noisy", true).containsEntry("Echo", false);
		Media media = segment.media().get(0);
		assertThat(media.label()).isEqualTo("main-audio");
		assertThat(media.callerNetwork().linkSpeed()).isEqualTo(54000000L);
		assertThat(media.callerNetwork().receivedQualityEventRatio()).isEqualTo(0.27);
		assertThat(media.calleeNetwork().linkSpeed()).isEqualTo(4294967295L);
		MediaStream stream = media.streams().get(0);
		assertThat(stream.streamDirection()).isEqualTo("callerToCallee");
		assertThat(stream.averageJitterMs()).isEqualTo(16.0);
		assertThat(stream.maxJitterMs()).isEqualTo(21.0);
		assertThat(stream.averageRoundTripTimeMs()).isEqualTo(61.0);
		assertThat(stream.maxRoundTripTimeMs()).isEqualTo(79.0);
		assertThat(stream.averageAudioNetworkJitterMs()).isEqualTo(43.0);
		assertThat(stream.maxAudioNetworkJitterMs()).isEqualTo(46.0);
		assertThat(stream.averageAudioDegradation()).isNull();
		assertThat(stream.packetUtilization()).isEqualTo(67L);
		assertThat(stream.averageBandwidthEstimate()).isEqualTo(9965083L);
		assertThat(stream.wasMediaBypassed()).isFalse();
	}

	@Test
	void mapsTheSessionsFixtureWhoseSegmentHasADuplicatedTypeKey() {
		GraphSession session = GraphFixtures.page(fixture("sessions-list-expand-segments.json"), GraphSession.class)
			.items()
			.get(0);

		Session mapped = this.mapper.session(session);

		assertThat(mapped.caller().cpuName()).isEqualTo("AMD EPYC 7452 32-Core Processor");
		assertThat(mapped.caller().cpuCoresCount()).isEqualTo(8);
		MediaStream stream = mapped.segments().get(0).media().get(0).streams().get(0);
		assertThat(stream.isAudioForwardErrorCorrectionUsed()).isTrue();
		assertThat(stream.rmsFreezeDurationMs()).isNull();
		assertThat(mapped.segments().get(0).callee().party().displayName()).isEqualTo("Owen Franklin");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			user,                           home,  user,                           false
			user,                           other, user,                           true
			user,                           none,  user,
			guest,                          home,  guest,                          true
			phone,                          none,  phone,                          true
			application,                    home,  application,                    false
			applicationInstance,            other, applicationInstance,            true
			device,                         home,  device,                         false
			encrypted,                      none,  encrypted,
			onPremises,                     home,  onPremises,                     false
			assertedIdentity,               none,  assertedIdentity,
			azureCommunicationServicesUser, none,  azureCommunicationServicesUser,
			acsUser,                        other, acsUser,                        true
			spoolUser,                      home,  spoolUser,                      false
			acsApplicationInstance,         home,  acsApplicationInstance,         false
			spoolApplicationInstance,       other, spoolApplicationInstance,       true
			teamsInteropUser,               other, unknown,                        true
			""")
	void flattensEveryIdentityKind(String slot, String tenant, String kind, Boolean external) {
		String tenantId = switch (tenant) {
			case "home" -> "\"" + HOME + "\"";
			case "other" -> "\"" + OTHER + "\"";
			default -> "null";
		};
		GraphParticipant participant = participant("{\"id\":\"p-1\",\"identity\":{\"user\":null,\"" + slot
				+ "\":{\"id\":\"slot-id\",\"displayName\":\"Someone\",\"tenantId\":" + tenantId + "}}}");

		Party party = this.mapper.participant(participant);

		assertThat(party.id()).isEqualTo("p-1");
		assertThat(party.displayName()).isEqualTo("Someone");
		assertThat(party.kind().slot()).isEqualTo(kind);
		assertThat(party.external()).isEqualTo(external);
	}

	@Test
	void prefersTheDirectoryIdentityWhenSeveralSlotsAreSet() {
		GraphParticipant participant = participant("""
				{"id":"p-2","identity":{
				  "phone":{"id":"+14255550117"},
				  "assertedIdentity":{"id":"+14255550111","displayName":"Front desk"},
				  "user":{"id":"u-2","displayName":"Dial-in Dana","tenantId":"%s"},
				  "endpointType":"default"}}
				""".formatted(HOME));

		Party party = this.mapper.participant(participant);

		assertThat(party.kind()).isEqualTo(PartyKind.USER);
		assertThat(party.displayName()).isEqualTo("Dial-in Dana");
		assertThat(party.external()).isFalse();
	}

	@Test
	void mapsAParticipantWithoutAnyIdentityAsUnknown() {
		Party party = this.mapper.participant(participant("{\"id\":\"p-3\",\"identity\":{\"user\":null}}"));

		assertThat(party).isEqualTo(new Party("p-3", null, null, null, PartyKind.UNKNOWN, null));
	}

	@Test
	void leavesExternalUnknownWhenTheHomeTenantIsADomainName() {
		CallRecordMapper domainMapper = new CallRecordMapper("contoso.onmicrosoft.com");
		GraphParticipant participant = participant(
				"{\"id\":\"p\",\"identity\":{\"user\":{\"id\":\"u\",\"tenantId\":\"" + HOME + "\"}}}");

		assertThat(domainMapper.participant(participant).external()).isNull();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			#microsoft.graph.communicationsGuestIdentity, g-1,          ,                    guest
			#microsoft.graph.callRecords.userIdentity,    u-1,          ,                    user
			,                                             u-2,          someone@contoso.com, user
			,                                             +14255550100, ,                    phone
			,                                             x-1,          ,                    unknown
			""")
	void infersTheKindOfAnEndpointsAssociatedIdentity(String odataType, String id, String upn, String kind) {
		String type = (odataType != null) ? "\"@odata.type\":\"" + odataType + "\"," : "";
		String principal = (upn != null) ? ",\"userPrincipalName\":\"" + upn + "\"" : "";
		GraphSession session = session("{\"caller\":{\"associatedIdentity\":{" + type + "\"id\":\"" + id + "\""
				+ principal + "},\"identity\":{\"device\":{\"id\":\"ignored\"}}}}");

		SessionEndpoint caller = this.mapper.session(session).caller();

		assertThat(caller.party().kind().slot()).isEqualTo(kind);
		assertThat(caller.party().id()).isEqualTo(id);
		assertThat(caller.endpointType()).isEqualTo("participant");
	}

	@Test
	void fallsBackToTheDeprecatedEndpointIdentityWithoutAnAssociatedIdentity() {
		GraphSession session = GraphFixtures.page(fixture("sessions-list.json"), GraphSession.class).items().get(0);

		SessionEndpoint caller = this.mapper.session(session).caller();

		assertThat(caller.party().kind()).isEqualTo(PartyKind.USER);
		assertThat(caller.party().id()).isEqualTo("821809f5-0000-0000-0000-3b5136c0e777");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			PT0.016S,  16.0
			PT0.0001S, 0.1
			PT1M2.5S,  62500.0
			P1DT1S,    86401000.0
			PT0S,      0.0
			""")
	void convertsIsoDurationsToMilliseconds(String duration, double millis) {
		MediaStream stream = stream("{\"averageJitter\":\"" + duration + "\"}");

		assertThat(stream.averageJitterMs()).isEqualTo(millis);
	}

	@Test
	void readsMalformedValuesAsAbsentInsteadOfFailing() {
		GraphCallRecord record = record("""
				{"id":"r","version":"not-a-number","type":7,"modalities":"audio",
				 "startDateTime":"yesterday","endDateTime":"2024-01-01T00:00:00Z",
				 "organizer_v2":"someone","participants_v2":[null,42,{"id":"p"}],
				 "sessions":[{"caller":{"userAgent":[]},"segments":[{"media":[{"streams":[
				   {"averageJitter":"P1Y","packetUtilization":1.5,"maxJitter":12}]}]}]}]}
				""");

		CallRecordResponse mapped = this.mapper.callRecord(record);

		assertThat(mapped.version()).isNull();
		assertThat(mapped.type()).isNull();
		assertThat(mapped.modalities()).isNull();
		assertThat(mapped.durationSeconds()).isNull();
		assertThat(mapped.organizer()).isNull();
		assertThat(mapped.participants()).extracting(Party::id).containsExactly("p");
		MediaStream stream = mapped.sessions().get(0).segments().get(0).media().get(0).streams().get(0);
		assertThat(stream.averageJitterMs()).isNull();
		assertThat(stream.packetUtilization()).isNull();
		assertThat(stream.maxJitterMs()).isNull();
	}

	private MediaStream stream(String json) {
		GraphSession session = session("{\"segments\":[{\"media\":[{\"streams\":[" + json + "]}]}]}");
		return this.mapper.session(session).segments().get(0).media().get(0).streams().get(0);
	}

	private static GraphCallRecord record(String json) {
		return GraphFixtures.record(json);
	}

	private static GraphSession session(String json) {
		return GraphFixtures.read(json, GraphSession.class);
	}

	private static GraphParticipant participant(String json) {
		return GraphFixtures.read(json, GraphParticipant.class);
	}

}
