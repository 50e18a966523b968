package io.callrecords.proxy.callrecords;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.CallRecordFilter;
import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.FakeGraph;
import io.callrecords.proxy.graph.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call-records API in front of a fake Graph: what it accepts, what it rejects before
 * Graph, and its conditional answers.
 */
class CallRecordsControllerTests extends ApiSliceTestSupport {

	private static final String RECORDS = "/api/v1/call-records";

	private static final String RECORD = RECORDS + "/" + FakeGraph.RECORD;

	@Test
	void getCallRecordAnswersTheMappedRecordWithAWeakETag() {
		MvcTestResult result = get(RECORD);

		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result.getResponse().getHeader(HttpHeaders.ETAG)).startsWith("W/\"v1-");
		JsonNode record = json(result);
		assertThat(record.path("id").asString()).isEqualTo(FakeGraph.RECORD);
		assertThat(record.path("version").asLong()).isEqualTo(1);
		assertThat(this.graph.requests()).singleElement()
			.isInstanceOfSatisfying(CallRecordRequest.class, (request) -> assertThat(request.clientRequestId())
				.isEqualTo(result.getResponse().getHeader("client-request-id")));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { RECORD, RECORD + "?include=participants,segments", RECORD + "/quality", RECORD + "/sessions",
					RECORD + "/participants", RECORDS + "?from=2019-11-01T00:00:00Z&to=2019-12-01T00:00:00Z" })
	void answersOnTheRequestsOwnThread(String pathAndQuery) {
		assertAnsweredWithoutAsyncDispatch(pathAndQuery);
	}

	@Test
	void answersAreWrittenThroughGeneratedAccessorsRatherThanReflection(@Autowired JsonMapper mapper) {
		assertThat(mapper.registeredModules()).anyMatch(BlackbirdModule.class::isInstance);
	}

	@Test
	void getCallRecordWithTheCurrentETagInIfNoneMatchIsNotModifiedWithoutABody() {
		String etag = get(RECORD).getResponse().getHeader(HttpHeaders.ETAG);

		MvcTestResult result = this.mvc.get()
			.uri(RECORD)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.with(caller())
			.exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_MODIFIED).body().isEmpty();
		assertThat(result).headers().hasValue(HttpHeaders.ETAG, etag);
	}

	@Test
	void getCallRecordWithAnotherETagInIfNoneMatchAnswersTheRecord() {
		MvcTestResult result = this.mvc.get()
			.uri(RECORD)
			.header(HttpHeaders.IF_NONE_MATCH, "W/\"v0-0123456789abcdef\"")
			.with(caller())
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(json(result).path("id").asString()).isEqualTo(FakeGraph.RECORD);
	}

	@Test
	void getCallRecordQualityReadsTheRecordWithItsSegmentsAndAnswersItsReport() {
		MvcTestResult result = get(RECORD + "/quality");

		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		JsonNode report = json(result);
		assertThat(report.path("id").asString()).isEqualTo(FakeGraph.RECORD);
		assertThat(report.path("classifier").path("name").asString()).isEqualTo("cqd-stream-classification");
		assertThat(report.path("classifier").path("thresholds").path("audio").path("jitterMs").asDouble())
			.isEqualTo(30);
		// the fake's record has no sessions
		assertThat(report.path("verdict").asString()).isEqualTo("unclassified");
		assertThat(report.path("counts").path("streams").asInt()).isZero();
		assertThat(this.graph.requests()).singleElement()
			.isInstanceOfSatisfying(CallRecordRequest.class, (request) -> assertThat(request.expand())
				.containsExactly(CallRecordRequest.Expansion.SESSIONS_WITH_SEGMENTS));
	}

	@Test
	void getCallRecordQualityOfAnUnknownRecordIsNotFound() {
		problem(get(RECORDS + "/0b7a4c2e-0000-4000-8000-000000000404/quality"), HttpStatus.NOT_FOUND,
				"CALL_RECORD_NOT_FOUND");
	}

	@ParameterizedTest(name = "{0} with Accept: {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5              | application/problem+json, application/json
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5              | application/problem+json
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5              | */*
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/quality      | application/problem+json, application/json
					/api/v1/call-records                                                   | application/problem+json, application/json
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions     | application/problem+json, application/json
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/participants | application/problem+json;q=1, application/*;q=0.5
					""")
	void aSuccessIsAlwaysApplicationJson(String path, String accept) {
		MvcTestResult result = this.mvc.get().uri(path).header(HttpHeaders.ACCEPT, accept).with(caller()).exchange();

		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					/api/v1/call-records/not-a-guid                                                  | id
					/api/v1/call-records/e523d2ed-2966-4b6b-925b                                     | id
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5x                       | id
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5%27%20or%201%3D1         | id
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?include=everything     | include
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?include=Participants   | include
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?include=participants_v2 | include
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?fields=id,secret       | fields
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?fields=organizer_v2    | fields
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?fields=participants    | fields
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?fields=id%29%2Csessions%28%24expand%3Dsegments | fields
					/api/v1/call-records?pageSize=0                                                  | pageSize
					/api/v1/call-records?pageSize=61                                                 | pageSize
					/api/v1/call-records?pageSize=-1                                                 | pageSize
					/api/v1/call-records?pageSize=abc                                                | pageSize
					/api/v1/call-records?pageSize=99999999999                                        | pageSize
					/api/v1/call-records?from=2024-06-02T00:00:00Z&to=2024-06-01T00:00:00Z           | to
					/api/v1/call-records?from=2024-06-01T00:00:00Z&to=2024-06-01T00:00:00Z           | to
					/api/v1/call-records?from=yesterday                                              | from
					/api/v1/call-records?from=2024-06-01                                             | from
					/api/v1/call-records?from=2024-06-01T00:00:00                                    | from
					/api/v1/call-records?to=2024-13-01T00:00:00Z                                     | to
					/api/v1/call-records?from=2024-06-01T00:00:00.1234567891Z                        | from
					/api/v1/call-records?from=2024-06-01T00:00:00%2B24:00                            | from
					/api/v1/call-records?from=2024-06-01T00:00:00%2B2                                | from
					/api/v1/call-records?from=2024-06-01T00:00:00%2B02:0                             | from
					/api/v1/call-records?from=2024-06-01T00:00:00%20%2B02:00                         | from
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?pageSize=0    | pageSize
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?pageSize=61   | pageSize
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?includeSegments=maybe | includeSegments
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?includeSegments=1 | includeSegments
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?includeSegments=yes | includeSegments
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?includeSegments=on | includeSegments
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?include=                | include
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?fields=                 | fields
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?fields=id,,type         | fields
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5?include=participants,   | include
					/api/v1/call-records/not-a-guid/sessions                                         | id
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/participants?pageSize=0  | pageSize
					/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/participants?pageSize=131 | pageSize
					/api/v1/call-records/not-a-guid/participants                                     | id
					/api/v1/call-records/not-a-guid/quality                                          | id
					""")
	void everyKindOfBadInputIsAnInvalidRequestNamingTheParameterAndNeverReachesGraph(String pathAndQuery,
			String parameter) {
		assertInvalid(get(pathAndQuery), parameter);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			2024-06-01T00:00:00Z,                2024-06-01T00:00:00Z
			2024-06-01T00:00:00+00:00,           2024-06-01T00:00:00Z
			2024-06-01T00:00:00+0000,            2024-06-01T00:00:00Z
			2024-06-01T00:00:00-00:00,           2024-06-01T00:00:00Z
			2024-06-01T02:00:00+02,              2024-06-01T00:00:00Z
			2024-06-01T02:00:00+02:00,           2024-06-01T00:00:00Z
			2024-06-01T02:00:00+0200,            2024-06-01T00:00:00Z
			2024-05-31T18:30:00-0530,            2024-06-01T00:00:00Z
			2024-06-01t00:00:00z,                2024-06-01T00:00:00Z
			2024-06-01T00:00Z,                   2024-06-01T00:00:00Z
			2024-06-01T00:00:00.5Z,              2024-06-01T00:00:00.5Z
			2024-06-01T00:00:00.000000+0000,     2024-06-01T00:00:00Z
			2024-06-01T02:00:00.123456789+02,    2024-06-01T00:00:00.123456789Z
			'2024-06-01T02:00:00,25+02:00',      2024-06-01T00:00:00.25Z
			""")
	void anInstantFiltersAsThatInstantWhateverItsIso8601OffsetForm(String from, Instant instant) {
		MvcTestResult result = get(RECORDS + "?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to="
				+ URLEncoder.encode("2024-06-01T03:00:00.000000+0100", StandardCharsets.UTF_8));

		assertThat(result).hasStatusOk();
		assertThat(this.graph.requests()).singleElement()
			.isInstanceOfSatisfying(PageRequest.class, (request) -> assertThat(request.filter())
				.isEqualTo(new CallRecordFilter(instant, Instant.parse("2024-06-01T02:00:00Z"), null)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "'", "a11ce000-0000-4000-8000-000000000003' or 1 eq 1",
			"a11ce000-0000-4000-8000-000000000003') or (true", "') or (true", "+1425555' or '1'='1",
			"a11ce000-0000-4000-8000-000000000003\0", "+0123", "+1234567890123456", "1234567",
			"a11ce000-0000-4000-8000-00000000000g", "+14255550009'" })
	void participantIdsThatAreNeitherGuidNorPhoneNumberAreInvalidAndNeverReachGraph(String participantId) {
		assertInvalid(get(RECORDS + "?participantId=" + URLEncoder.encode(participantId, StandardCharsets.UTF_8)),
				"participantId");
	}

	@Test
	void aRequestWithSeveralMistakesNamesEveryRejectedParameter() {
		JsonNode problem = problem(get(RECORDS + "/nope?include=everything&fields=secret"), HttpStatus.BAD_REQUEST,
				"INVALID_REQUEST");

		assertThat(problem.path("errors").valueStream().map((error) -> error.path("parameter").asString()))
			.containsExactly("id", "include", "fields");
		assertThat(this.graph.requests()).isEmpty();
	}

	@Test
	void aValueOfTheWrongTypeIsExplainedWithoutJavaTypes() {
		MvcTestResult result = get(RECORDS + "?from=yesterday");

		assertInvalid(result, "from");
		assertThat(result).body().asString().doesNotContain("OffsetDateTime", "java.", "Exception");
	}

	private void assertInvalid(MvcTestResult result, String parameter) {
		JsonNode problem = problem(result, HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
		assertThat(problem.path("type").asString()).isEqualTo("urn:callrecords-proxy:problem:invalid-request");
		assertThat(problem.path("errors").valueStream().map((error) -> error.path("parameter").asString()))
			.contains(parameter);
		assertThat(this.graph.requests()).isEmpty();
	}

}
