package io.callrecords.proxy.callrecords;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.FakeGraph;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphPstnCallRow;
import io.callrecords.proxy.graph.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PSTN and Direct Routing call logs in front of a fake Graph: the fields they answer,
 * the range rules checked before Graph, the one meaning of from and to, paging, and what
 * a 403 from Graph says.
 */
class CallLogsControllerTests extends ApiSliceTestSupport {

	private static final String PSTN = "/api/v1/pstn-calls";

	private static final String DIRECT_ROUTING = "/api/v1/direct-routing-calls";

	private static final String NOVEMBER_2019 = "?from=2019-11-01T00:00:00Z&to=2019-12-01T00:00:00Z";

	@ParameterizedTest
	@ValueSource(strings = { PSTN + NOVEMBER_2019, DIRECT_ROUTING + NOVEMBER_2019 })
	void answersOnTheRequestsOwnThread(String pathAndQuery) {
		assertAnsweredWithoutAsyncDispatch(pathAndQuery);
	}

	@Test
	void pstnCallsAnswerEveryFieldOfGraphsRowWithTimesAsInstantsAndDurationInSeconds() {
		MvcTestResult result = get(PSTN + NOVEMBER_2019);

		assertThat(result).hasStatusOk();
		JsonNode row = json(result).path("items").path(0);
		assertThat(row.path("id").asString()).isEqualTo("9c4984c7-6c3c-427d-a30c-bd0b2eacee90");
		assertThat(row.path("callId").asString()).isEqualTo("1835317186_112562680@61.221.3.176");
		assertThat(row.path("userId").asString()).isEqualTo("db03c14b-06eb-4189-939b-7cbf3a20ba27");
		assertThat(row.path("userPrincipalName").asString()).isEqualTo("richard.malk@contoso.com");
		assertThat(row.path("userDisplayName").asString()).isEqualTo("Richard Malk");
		assertThat(Instant.parse(row.path("startDateTime").asString()))
			.isEqualTo(Instant.parse("2019-11-01T00:00:08.2589935Z"));
		assertThat(Instant.parse(row.path("endDateTime").asString()))
			.isEqualTo(Instant.parse("2019-11-01T00:03:47.2589935Z"));
		assertThat(row.path("durationSeconds").asInt()).isEqualTo(219);
		assertThat(row.path("charge").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(row.path("connectionCharge").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(row.path("callType").asString()).isEqualTo("user_in");
		assertThat(row.path("currency").asString()).isEqualTo("USD");
		assertThat(row.path("calleeNumber").asString()).isEqualTo("+1234567890");
		assertThat(row.path("callerNumber").asString()).isEqualTo("+0123456789");
		assertThat(row.path("usageCountryCode").asString()).isEqualTo("US");
		assertThat(row.path("tenantCountryCode").asString()).isEqualTo("US");
		assertThat(row.path("destinationName").asString()).isEqualTo("United States");
		assertThat(row.has("destinationContext")).isFalse();
		assertThat(row.has("conferenceId")).isFalse();
		assertThat(row.path("licenseCapability").asString()).isEqualTo("MCOPSTNU");
		assertThat(row.path("inventoryType").asString()).isEqualTo("Subscriber");
		assertThat(row.path("operator").asString()).isEqualTo("Microsoft");
		assertThat(row.path("callDurationSource").asString()).isEqualTo("microsoft");
		assertThat(this.graph.requests()).singleElement().isInstanceOfSatisfying(PageRequest.class, (request) -> {
			assertThat(request.collection()).isEqualTo(GraphCollection.PSTN_CALLS);
			assertThat(request.filter().from()).isEqualTo(Instant.parse("2019-11-01T00:00:00Z"));
			assertThat(request.filter().to()).isEqualTo(Instant.parse("2019-12-01T00:00:00Z"));
			assertThat(request.next()).isNull();
		});
	}

	@Test
	void directRoutingCallsAnswerEveryFieldOfGraphsRowAndNoFailureTimeForACallThatDidNotFail() {
		MvcTestResult result = get(DIRECT_ROUTING + NOVEMBER_2019);

		assertThat(result).hasStatusOk();
		JsonNode row = json(result).path("items").path(0);
		assertThat(row.path("id").asString()).isEqualTo("9e8bba57-dc14-533a-a7dd-f0da6575eed1");
		assertThat(row.path("correlationId").asString()).isEqualTo("c98e1515-a937-4b81-b8a8-3992afde64e0");
		assertThat(row.path("userId").asString()).isEqualTo("db03c14b-06eb-4189-939b-7cbf3a20ba27");
		assertThat(row.path("userPrincipalName").asString()).isEqualTo("richard.malk@contoso.com");
		assertThat(row.path("userDisplayName").asString()).isEqualTo("Richard Malk");
		assertThat(Instant.parse(row.path("startDateTime").asString()))
			.isEqualTo(Instant.parse("2019-11-01T00:00:25.105Z"));
		assertThat(Instant.parse(row.path("inviteDateTime").asString()))
			.isEqualTo(Instant.parse("2019-11-01T00:00:21.949Z"));
		assertThat(row.has("failureDateTime")).isFalse();
		assertThat(Instant.parse(row.path("endDateTime").asString()))
			.isEqualTo(Instant.parse("2019-11-01T00:00:30.105Z"));
		assertThat(row.path("durationSeconds").asInt()).isEqualTo(5);
		assertThat(row.path("callType").asString()).isEqualTo("ByotIn");
		assertThat(row.path("successfulCall").asBoolean()).isTrue();
		assertThat(row.path("callerNumber").asString()).isEqualTo("+12345678***");
		assertThat(row.path("calleeNumber").asString()).isEqualTo("+01234567***");
		assertThat(row.path("mediaPathLocation").asString()).isEqualTo("USWE");
		assertThat(row.path("signalingLocation").asString()).isEqualTo("EUNO");
		assertThat(row.path("finalSipCode").asInt()).isZero();
		assertThat(row.path("callEndSubReason").asInt()).isEqualTo(540000);
		assertThat(row.path("finalSipCodePhrase").asString()).isEqualTo("BYE");
		assertThat(row.path("trunkFullyQualifiedDomainName").asString()).isEqualTo("tll-audiocodes01.adatum.biz");
		assertThat(row.path("mediaBypassEnabled").isBoolean()).isTrue();
		assertThat(row.path("mediaBypassEnabled").asBoolean()).isFalse();
	}

	@Test
	void fromAndToAcceptEveryIso8601OffsetFormAsTheCallRecordsListDoes() {
		// the same instants as NOVEMBER_2019, written as a Python client writes them
		MvcTestResult result = get(PSTN + "?from=2019-11-01T02:00:00%2B0200&to=2019-12-01T00:00:00.000%2B00");

		assertThat(result).hasStatusOk();
		assertThat(json(result).path("items").path(0).path("id").asString())
			.isEqualTo("9c4984c7-6c3c-427d-a30c-bd0b2eacee90");
		problem(get(PSTN + "?from=2019-11-01&to=2019-12-01T00:00:00Z"), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
	}

	@Test
	void theNextCursorContinuesAtGraphsNextLinkAndTheLastPageHasNone() {
		String cursor = json(get(PSTN + NOVEMBER_2019)).path("nextCursor").asString();

		MvcTestResult next = get(PSTN + "?cursor=" + encode(cursor));

		assertThat(next).hasStatusOk();
		assertThat(json(next).path("items")).hasSize(1);
		assertThat(json(next).has("nextCursor")).isFalse();
		assertThat(this.graph.requests()).last()
			.isInstanceOfSatisfying(PageRequest.class, (request) -> assertThat(request.next())
				.isEqualTo(FakeGraph.secondPage(GraphCollection.PSTN_CALLS, null)));
	}

	@Test
	void fromIsInclusiveAndToExclusiveThoughGraphsPstnToDateTimeIsInclusive() {
		this.graph.pstnRows(List.of(row("a", "2026-11-01T09:59:59.999Z"), row("b", "2026-11-01T10:00:00Z"),
				row("c", "2026-11-01T10:59:59.999Z"), row("d", "2026-11-01T11:00:00Z")));

		MvcTestResult result = get(PSTN + "?from=2026-11-01T10:00:00Z&to=2026-11-01T11:00:00Z");

		assertThat(result).hasStatusOk();
		assertThat(json(result).path("items").valueStream().map((row) -> row.path("id").asString()))
			.containsExactly("b", "c");
	}

	@Test
	void aPageSizeSmallerThanGraphsPageSlicesItAndTheCursorsWalkEveryRowOnce() {
		this.graph.pstnRows(List.of(row("a", "2026-11-01T10:00:00Z"), row("b", "2026-11-01T10:01:00Z"),
				row("c", "2026-11-01T10:02:00Z")));
		String range = "?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z";

		JsonNode first = json(get(PSTN + range + "&pageSize=2"));
		JsonNode second = json(get(PSTN + "?pageSize=2&cursor=" + encode(first.path("nextCursor").asString())));
		JsonNode third = json(get(PSTN + "?pageSize=2&cursor=" + encode(second.path("nextCursor").asString())));

		assertThat(ids(first)).containsExactly("a", "b");
		assertThat(ids(second)).containsExactly("c");
		assertThat(ids(third)).containsExactly("a", "b");
		List<Object> requests = this.graph.requests();
		assertThat(requests).hasSize(3);
		// the second page re-reads Graph's first, the third follows Graph's next link
		assertThat(((PageRequest) requests.get(1)).next()).isNull();
		assertThat(((PageRequest) requests.get(2)).next())
			.isEqualTo(FakeGraph.secondPage(GraphCollection.PSTN_CALLS, null));
	}

	@ParameterizedTest
	@ValueSource(strings = { PSTN, DIRECT_ROUTING })
	void missingReversedAndTooLongRangesAre400sBeforeGraph(String path) {
		JsonNode missing = problem(get(path), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
		JsonNode reversed = problem(get(path + "?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z"),
				HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
		JsonNode empty = problem(get(path + "?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z"),
				HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
		JsonNode tooLong = problem(get(path + "?from=2026-08-01T00:00:00Z&to=2026-10-30T00:00:00.001Z"),
				HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
		JsonNode noTo = problem(get(path + "?from=2026-08-01T00:00:00Z"), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
		JsonNode pageSize = problem(get(path + NOVEMBER_2019 + "&pageSize=1001"), HttpStatus.BAD_REQUEST,
				"INVALID_REQUEST");

		assertThat(missing.path("errors").valueStream().map((error) -> error.path("parameter").asString()))
			.containsExactly("from", "to");
		assertThat(reversed.path("errors").path(0).path("message").asString()).isEqualTo("to must be after from.");
		assertThat(empty.path("errors").path(0).path("message").asString()).isEqualTo("to must be after from.");
		assertThat(tooLong.path("errors").path(0).path("message").asString()).contains("at most 90 days");
		assertThat(noTo.path("errors").path(0).path("parameter").asString()).isEqualTo("to");
		assertThat(pageSize.path("errors").path(0).path("parameter").asString()).isEqualTo("pageSize");
		assertThat(this.graph.requests()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { PSTN, DIRECT_ROUTING })
	void exactlyNinetyDaysIsAllowed(String path) {
		assertThat(get(path + "?from=2026-08-01T00:00:00Z&to=2026-10-30T00:00:00Z")).hasStatusOk();
	}

	@Test
	void aCursorWithAnotherRangeOrFromTheOtherLogIsRejectedBeforeGraph() {
		String cursor = encode(json(get(PSTN + NOVEMBER_2019)).path("nextCursor").asString());
		this.graph.reset();

		problem(get(PSTN + "?from=2019-11-02T00:00:00Z&to=2019-12-01T00:00:00Z&cursor=" + cursor),
				HttpStatus.BAD_REQUEST, "INVALID_CURSOR");
		problem(get(DIRECT_ROUTING + "?cursor=" + cursor), HttpStatus.BAD_REQUEST, "INVALID_CURSOR");
		assertThat(get(PSTN + NOVEMBER_2019 + "&cursor=" + cursor)).hasStatusOk();
		assertThat(this.graph.requests()).hasSize(1);
	}

	@Test
	void aCursorLeadingAnywhereButTheLogsFunctionOnGraphIsRejectedBeforeGraph() {
		Cursors cursors = new Cursors(
				new ApiProperties(new io.callrecords.proxy.graph.GraphProperties.Secret(CURSOR_KEY), 5000, false));
		String range = "2019-11-01T00:00:00Z|2019-12-01T00:00:00Z|0\n";
		String elsewhere = cursors.seal("pstn_calls",
				range + "https://evil.example/v1.0/communications/callRecords/getPstnCalls(a=1)?$skip=1000");
		String otherFunction = cursors.seal("pstn_calls", range + FakeGraph.BASE_URL
				+ "/communications/callRecords/getDirectRoutingCalls(fromDateTime=2019-11-01,toDateTime=2019-12-01)?$skip=1000");

		problem(get(PSTN + "?cursor=" + encode(elsewhere)), HttpStatus.BAD_REQUEST, "INVALID_CURSOR");
		problem(get(PSTN + "?cursor=" + encode(otherFunction)), HttpStatus.BAD_REQUEST, "INVALID_CURSOR");
		assertThat(this.graph.requests()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { PSTN, DIRECT_ROUTING })
	void aGraph403NamesTheMissingPermission(String path) {
		this.graph.failWith(
				new GraphException(GraphFailure.FORBIDDEN, "Graph answered 403", 403, "graph-request-1", null, null));

		JsonNode problem = problem(get(path + NOVEMBER_2019), HttpStatus.BAD_GATEWAY, "UPSTREAM_FORBIDDEN");

		assertThat(problem.path("missingPermission").asString()).isEqualTo("CallRecord-PstnCalls.Read.All");
		assertThat(problem.path("detail").asString()).contains("CallRecord-PstnCalls.Read.All");
		assertThat(problem.path("upstreamRequestId").asString()).isEqualTo("graph-request-1");
	}

	@Test
	void phoneNumbersAreNotMaskedByDefault() {
		JsonNode row = json(get(PSTN + NOVEMBER_2019)).path("items").path(0);

		assertThat(row.path("calleeNumber").asString()).isEqualTo("+1234567890");
	}

	private static List<String> ids(JsonNode page) {
		return page.path("items").valueStream().map((row) -> row.path("id").asString()).toList();
	}

	static GraphPstnCallRow row(String id, String start) {
		OffsetDateTime startTime = OffsetDateTime.ofInstant(Instant.parse(start), ZoneOffset.UTC);
		return new GraphPstnCallRow(id, null, null, null, null, startTime, startTime.plusSeconds(60), 60, null, null,
				null, "+14255550100", "+14255550199", null, null, null, null, null, null, null, null, null, null);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
