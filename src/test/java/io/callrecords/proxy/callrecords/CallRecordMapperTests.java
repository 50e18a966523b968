package io.callrecords.proxy.callrecords;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.internal.GraphFixtures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static io.callrecords.proxy.graph.internal.GraphFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The flattening mapper against Microsoft's documented payloads (under {@code graph/}:
 * every one of them has its content asserted) and hand-written identity sets for every
 * identity kind. {@link CallRecordMapperFieldTests} proves every media field.
 */
class CallRecordMapperTests {

	private static final String HOME = "dc368399-474c-4d40-900c-6265431fd81f";

	private static final String OTHER = "7e1a1c3c-5b1f-4c3a-9a2d-2b6c0f0e0b11";

	private static final String RECORD = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String LISTED = "3cf3bbc8-b21d-4f2e-bfd0-b13603ae6c65";

	private static final String ABBIE = "821809f5-0000-0000-0000-3b5136c0e777";

	private static final String OWEN = "f69e2c00-0000-0000-0000-185e5f5f5d8a";

	private final CallRecordMapper mapper = new CallRecordMapper(HOME);

	static Stream<Arguments> fixtures() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:graph/*.json");
		assertThat(resources).hasSizeGreaterThanOrEqualTo(19);
		return Arrays.stream(resources).map((resource) -> Arguments.of(resource.getFilename()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void mapsTheContentOfEveryOfficialFixture(String fixture) {
		String body = fixture(fixture);
		switch (fixture) {
			case "callrecord-get.json" -> {
				CallRecordResponse record = assertRecord(body, RECORD, ABBIE, PartyKind.USER, null, null);
				assertThat(record.version()).isEqualTo(1);
				assertThat(record.type()).isEqualTo("peerToPeer");
			}
			case "callrecord-get-expand-participants_v2.json" -> {
				CallRecordResponse record = assertRecord(body, RECORD, ABBIE, PartyKind.USER, 2, null);
				assertThat(record.participants()).extracting(Party::kind).containsOnly(PartyKind.USER);
			}
			case "callrecord-get-expand-sessions-segments.json" -> {
				Session session = assertRecord(body, RECORD, ABBIE, PartyKind.USER, null, 1).sessions().get(0);
				assertThat(session.id()).isEqualTo(RECORD);
				assertThat(session.isTest()).isFalse();
				assertThat(session.caller().party().userPrincipalName()).isEqualTo("abbie.wilkins@contoso.com");
				assertThat(session.callee().party().displayName()).isEqualTo("Owen Franklin");
				assertThat(session.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.media()).singleElement()
						.satisfies((media) -> assertThat(media.streams()).hasSize(1)));
			}
			case "callrecord-get-expand-sessions-segments-legacy-full.json" -> {
				Session session = assertRecord(body, RECORD, ABBIE, PartyKind.USER, 2, 1).sessions().get(0);
				assertThat(session.id()).isEqualTo(RECORD);
				assertThat(session.callee().party().id()).isEqualTo(OWEN);
				assertThat(session.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.media()).singleElement()
						.satisfies((media) -> assertThat(media.streams()).hasSize(2)));
			}
			case "callrecord-get-legacy-organizer-participants.json" -> {
				CallRecordResponse record = assertRecord(body, RECORD, ABBIE, PartyKind.USER, 2, null);
				assertThat(record.participants()).extracting(Party::id).containsExactly(ABBIE, OWEN);
			}
			case "callrecords-list.json" -> {
				List<CallRecordResponse> records = assertRecords(body, 2);
				assertThat(records).extracting(CallRecordResponse::id)
					.containsExactly(LISTED, "c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f");
				assertThat(records).extracting((record) -> record.organizer().kind())
					.containsExactly(PartyKind.USER, PartyKind.PHONE);
			}
			case "callrecords-list-filter-startdatetime.json", "callrecords-list-filter-participant.json" -> {
				CallRecordResponse record = assertRecords(body, 1).get(0);
				assertThat(record.id()).isEqualTo(LISTED);
				assertThat(record.version()).isEqualTo(2);
				assertThat(record.organizer().id()).isEqualTo(ABBIE);
			}
			case "sessions-list.json" -> {
				Session session = assertSessions(body, 1).get(0);
				assertThat(session.caller().party().id()).isEqualTo(ABBIE);
				assertThat(session.callee().party().id()).isEqualTo(OWEN);
				assertThat(session.callee().cpuProcessorSpeedInMhz()).isEqualTo(2594);
				assertThat(session.segments()).isNull();
			}
			case "sessions-list-expand-segments.json" -> {
				Session session = assertSessions(body, 1).get(0);
				assertThat(session.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.media()).singleElement()
						.satisfies((media) -> assertThat(media.streams()).hasSize(2)));
			}
			case "participants_v2-list.json" -> {
				List<Party> parties = GraphFixtures.page(body, GraphParticipant.class)
					.items()
					.stream()
					.map(this.mapper::participant)
					.toList();
				assertThat(parties).extracting(Party::id, Party::kind)
					.containsExactly(tuple("00005994-851d-4988-bbc3-413bbf089e13", PartyKind.USER),
							tuple("13fd6bf0-f646-4b82-b0ad-cd28ce10d6e3", PartyKind.USER));
			}
			// bodies of other Graph and Entra ID endpoints: read where a call record is
			// expected, they carry no call record content and do not fail
			case "pstncalls-get.json", "directroutingcalls-get.json", "error-generic-example.json",
					"error-429-throttled.json", "notification-callrecord-created.json",
					"subscription-create-request.json", "subscription-create-request-filter-participant.json",
					"token-client-credentials-response.json" ->
				assertNoCallRecordContent(body);
			default -> fail("No content assertion for the fixture %s", fixture);
		}
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
					tuple("821809f5-0000-0000-0000-3b5136c0e777", "Abbie Wilkins", "abbie.wilkins@contoso.com"),
					tuple("821809f5-0000-0000-0000-3b5136c0e777", "Owen Franklin", "owen.franklin@contoso.com"));
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
	void prefersAKnownKindToASlotGraphAddedLaterWhateverTheirOrder() {
		GraphParticipant later = participant("""
				{"id":"p-4","identity":{"endpointType":"default","holographicUser":{"id":"h-1","displayName":"Holo"},
				  "guest":{"id":"g-1","displayName":"Guest Gil"}}}
				""");
		GraphParticipant alone = participant("""
				{"id":"p-5","identity":{"endpointType":"default","holographicUser":{"id":"h-1","displayName":"Holo"}}}
				""");

		assertThat(this.mapper.participant(later).kind()).isEqualTo(PartyKind.GUEST);
		assertThat(this.mapper.participant(later).displayName()).isEqualTo("Guest Gil");
		assertThat(this.mapper.participant(alone).kind()).isEqualTo(PartyKind.UNKNOWN);
		assertThat(this.mapper.participant(alone).displayName()).isEqualTo("Holo");
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

	private CallRecordResponse assertRecord(String body, String id, String organizerId, PartyKind organizerKind,
			@Nullable Integer participants, @Nullable Integer sessions) {
		CallRecordResponse record = this.mapper.callRecord(record(body));
		assertThat(record.id()).isEqualTo(id);
		assertThat(record.organizer().id()).isEqualTo(organizerId);
		assertThat(record.organizer().kind()).isEqualTo(organizerKind);
		if (participants != null) {
			assertThat(record.participants()).hasSize(participants);
		}
		else {
			assertThat(record.participants()).isNull();
		}
		if (sessions != null) {
			assertThat(record.sessions()).hasSize(sessions);
		}
		else {
			assertThat(record.sessions()).isNull();
		}
		return record;
	}

	private List<CallRecordResponse> assertRecords(String body, int size) {
		List<CallRecordResponse> records = GraphFixtures.records(body)
			.items()
			.stream()
			.map(this.mapper::callRecord)
			.toList();
		assertThat(records).hasSize(size);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.type()).isEqualTo("unknown");
			assertThat(record.modalities()).containsExactly("audio");
			assertThat(record.durationSeconds()).isPositive();
		});
		return records;
	}

	private List<Session> assertSessions(String body, int size) {
		List<Session> sessions = GraphFixtures.page(body, GraphSession.class)
			.items()
			.stream()
			.map(this.mapper::session)
			.toList();
		assertThat(sessions).hasSize(size);
		assertThat(sessions.get(0).id()).isEqualTo(RECORD);
		assertThat(sessions.get(0).modalities()).containsExactly("audio");
		assertThat(sessions.get(0).caller().cpuName()).isEqualTo("AMD EPYC 7452 32-Core Processor");
		return sessions;
	}

	private void assertNoCallRecordContent(String body) {
		GraphCallRecord graphRecord = record(body);
		assertThat(graphRecord.id()).isNull();
		CallRecordResponse record = this.mapper.callRecord(graphRecord);
		assertThat(record)
			.extracting(CallRecordResponse::version, CallRecordResponse::type, CallRecordResponse::modalities,
					CallRecordResponse::startDateTime, CallRecordResponse::endDateTime,
					CallRecordResponse::durationSeconds, CallRecordResponse::organizer,
					CallRecordResponse::participants, CallRecordResponse::sessions)
			.containsOnlyNulls();
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
