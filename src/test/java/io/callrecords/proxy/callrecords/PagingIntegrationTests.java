package io.callrecords.proxy.callrecords;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import io.callrecords.proxy.graph.GraphProperties.Secret;
import io.callrecords.proxy.simulator.RecordFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists and paging end to end: every paged endpoint walked to the end through Graph's
 * real next links and compared with the simulator's data, cursors that lead anywhere but
 * the configured Graph, expired links and the largest records. Bad input and foreign
 * cursors are rejected before Graph in the slice tests
 * ({@code CallRecordsControllerTests}, {@code PagingTests}).
 */
class PagingIntegrationTests extends IntegrationTestSupport {

	private static final String BIG = RecordFactory.BIG_GROUP_CALL;

	@Test
	void listingCallRecordsPagesThroughEveryRecordInStartOrder() {
		List<JsonNode> items = walk("/api/v1/call-records?pageSize=25");

		List<String> expected = simulator.allRecords()
			.stream()
			.sorted(Comparator.comparing((JsonNode record) -> record.path("startDateTime").asString())
				.thenComparing((record) -> record.path("id").asString()))
			.map((record) -> record.path("id").asString())
			.toList();
		assertThat(items).extracting((item) -> item.get("id").asString()).containsExactlyElementsOf(expected);
		assertThat(items).allSatisfy((item) -> {
			assertThat(item.has("participants")).isFalse();
			assertThat(item.has("sessions")).isFalse();
		});
		assertThat(simulator.graphRequests()).allSatisfy((request) -> {
			assertThat(request.getHeader("Prefer")).contains("odata.maxpagesize=25");
			assertThat(request.getUrl()).matches("/v1\\.0/communications/callRecords(\\?\\$skiptoken=.+)?");
		});
	}

	@Test
	void listingCallRecordsFiltersByStartTimeRange() {
		Instant from = RecordFactory.SERIES_START.plusSeconds(3600);
		Instant to = RecordFactory.SERIES_START.plusSeconds(3600 * 20);

		List<JsonNode> items = walk("/api/v1/call-records?pageSize=7&from=" + from + "&to=" + to);

		assertThat(items).hasSize(38);
		assertThat(items).allSatisfy((item) -> assertThat(Instant.parse(item.get("startDateTime").asString()))
			.isBetween(from, to.minusNanos(1)));
		assertThat(simulator.graphRequests().get(0).queryParameter("$filter").firstValue())
			.isEqualTo("startDateTime ge 2024-06-01T09:00:00.000Z and startDateTime lt 2024-06-02T04:00:00.000Z");
	}

	@Test
	void listingCallRecordsFiltersByParticipantObjectIdOrPhoneNumber() {
		String user = "a11ce000-0000-4000-8000-000000000003";
		List<JsonNode> byUser = walk("/api/v1/call-records?pageSize=10&participantId=" + user);
		List<JsonNode> byPhone = walk("/api/v1/call-records?participantId=" + encode("+14255550009"));

		assertThat(byUser).isNotEmpty()
			.extracting((item) -> item.get("id").asString())
			.containsExactlyInAnyOrderElementsOf(idsOfRecordsWith(user));
		assertThat(byPhone).extracting((item) -> item.get("id").asString())
			.containsExactlyElementsOf(idsOfRecordsWith("+14255550009"));
		assertThat(simulator.graphRequests()
			.get(simulator.graphRequests().size() - 1)
			.queryParameter("$filter")
			.firstValue()).isEqualTo("participants_v2/any(p:p/id eq '+14255550009')");
	}

	@Test
	void listingSessionsPagesThroughEverySessionWithSegments() {
		List<JsonNode> items = walk("/api/v1/call-records/" + BIG + "/sessions?includeSegments=true&pageSize=60");

		JsonNode sessions = simulator.record(BIG).get("sessions");
		assertThat(items).extracting((item) -> item.get("id").asString())
			.containsExactlyElementsOf(ids(sessions, (session) -> session.get("id").asString()));
		assertThat(items).allSatisfy((item) -> assertThat(item.get("segments").size()).isEqualTo(1));
		assertThat(simulator.graphRequests()).hasSize(4)
			.allSatisfy((request) -> assertThat(request.getUrl()).contains("expand=segments"));
	}

	@Test
	void listingSessionsWithoutSegmentsLeavesThemOut() {
		List<JsonNode> items = walk("/api/v1/call-records/" + BIG + "/sessions?pageSize=50");

		assertThat(items).hasSize(210).allSatisfy((item) -> assertThat(item.has("segments")).isFalse());
	}

	@Test
	void listingParticipantsPagesThroughEveryParticipant() {
		List<JsonNode> items = walk("/api/v1/call-records/" + BIG + "/participants?pageSize=130");
		List<JsonNode> small = walk("/api/v1/call-records/" + BIG + "/participants?pageSize=45");

		List<String> expected = ids(simulator.record(BIG).get("participants_v2"), (p) -> p.get("id").asString());
		assertThat(items).extracting((item) -> item.get("id").asString()).containsExactlyElementsOf(expected);
		assertThat(small).extracting((item) -> item.get("id").asString()).containsExactlyElementsOf(expected);
		assertThat(items.get(9).get("kind").asString()).isEqualTo("phone");
	}

	@Test
	void anExpandedRecordComesBackCompleteAcrossGraphsNestedPages() {
		Response response = this.api.get("/api/v1/call-records/" + BIG + "?include=participants,segments");

		assertThat(response.status()).isEqualTo(200);
		JsonNode record = response.json();
		assertThat(record.get("participants")).hasSize(320);
		assertThat(record.get("sessions")).hasSize(210);
		assertThat(record.has("participantsTruncated")).isFalse();
		assertThat(record.has("sessionsTruncated")).isFalse();
		assertThat(record.get("participants").valueStream().map((p) -> p.get("id").asString()).distinct()).hasSize(320);
		assertThat(simulator.graphRequests()).hasSize(1 + 2 + 3);
	}

	@Test
	void anExpandedRecordBeyondTheConfiguredMaximumSaysItWasTruncated() {
		String id = "b16c0de0-0000-4000-8000-000000005050";
		simulator.addRecord(simulator.records().groupCall(id, 5050, 1, 0));

		Response response = this.api.get("/api/v1/call-records/" + id + "?include=participants,sessions");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("participants")).hasSize(5000);
		assertThat(response.json().get("participantsTruncated").asBoolean()).isTrue();
		assertThat(response.json().has("sessionsTruncated")).isFalse();
	}

	@Test
	void aCursorLeadingAnywhereButTheConfiguredGraphIsRejected() {
		Cursors cursors = new Cursors(new Secret(CURSOR_KEY));
		String scope = "participants/" + BIG;
		List<String> links = List.of("https://evil.example/v1.0/communications/callRecords/" + BIG + "/participants_v2",
				simulator.graphBaseUrl().replace("localhost", "127.0.0.2") + "/communications/callRecords/" + BIG
						+ "/participants_v2",
				simulator.graphBaseUrl() + "/communications/callRecords/" + BIG + "/sessions?$skiptoken=x",
				simulator.graphBaseUrl() + "/communications/callRecords/e523d2ed-2966-4b6b-925b-754a88034cc5"
						+ "/participants_v2",
				simulator.graphBaseUrl() + "/../admin/communications/callRecords/" + BIG + "/participants_v2",
				simulator.graphBaseUrl().replace("http://", "http://user:pass@") + "/communications/callRecords/" + BIG
						+ "/participants_v2",
				"not a url");

		for (String link : links) {
			assertRejected(this.api
				.get("/api/v1/call-records/" + BIG + "/participants?cursor=" + encode(cursors.seal(scope, link))),
					"INVALID_CURSOR");
		}
	}

	@Test
	void aNextLinkGraphNoLongerAcceptsTellsTheCallerToRestart() {
		String cursor = firstPage("/api/v1/call-records/" + BIG + "/participants?pageSize=10").get("nextCursor")
			.asString();
		simulator.onGraph(get(urlPathMatching(".*/participants_v2")).withQueryParam("$skiptoken", containing(""))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Invalid skip token\"}}")));

		Response response = this.api.get("/api/v1/call-records/" + BIG + "/participants?cursor=" + cursor);

		assertThat(response.status()).isEqualTo(410);
		assertThat(response.json().get("code").asString()).isEqualTo("CURSOR_EXPIRED");
		assertThat(response.json().get("detail").asString()).contains("Restart the query");
	}

	@Test
	void aTwentyMegabyteRecordWorksEndToEnd() {
		String id = "b16c0de0-0000-4000-8000-000000020000";
		simulator.addRecord(simulator.records().groupCall(id, 300, 200, 50));

		// the contract's schema is checked on every smaller answer; validating 20 MB
		// against
		// it would cost more than the rest of the test
		Response response = this.api
			.getOutsideContract("/api/v1/call-records/" + id + "?include=participants,segments");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().length()).isGreaterThan(20_000_000);
		JsonNode body = response.json();
		assertThat(body.get("participants")).hasSize(300);
		assertThat(body.get("sessions")).hasSize(200)
			.allSatisfy((session) -> assertThat(session.get("segments")).hasSize(50));
	}

	private JsonNode firstPage(String pathAndQuery) {
		Response response = this.api.get(pathAndQuery);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	/** Follows {@code nextCursor} to the last page and returns every item. */
	private List<JsonNode> walk(String firstPage) {
		List<JsonNode> items = new ArrayList<>();
		String separator = firstPage.contains("?") ? "&" : "?";
		JsonNode page = firstPage(firstPage);
		int pages = 1;
		while (true) {
			page.get("items").forEach(items::add);
			if (!page.has("nextCursor")) {
				return items;
			}
			assertThat(pages++).as("pages").isLessThan(1000);
			page = firstPage(firstPage + separator + "cursor=" + page.get("nextCursor").asString());
		}
	}

	private void assertRejected(Response response, String code) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("code").asString()).isEqualTo(code);
		assertThat(simulator.graphRequests()).isEmpty();
	}

	private static List<String> idsOfRecordsWith(String participantId) {
		return simulator.allRecords()
			.stream()
			.filter((record) -> record.path("participants_v2")
				.valueStream()
				.anyMatch((p) -> participantId.equals(p.path("id").asString())))
			.sorted(Comparator.comparing((JsonNode record) -> record.path("startDateTime").asString()))
			.map((record) -> record.path("id").asString())
			.toList();
	}

	private static List<String> ids(JsonNode array, Function<JsonNode, String> id) {
		return StreamSupport.stream(array.spliterator(), false).map(id).toList();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
