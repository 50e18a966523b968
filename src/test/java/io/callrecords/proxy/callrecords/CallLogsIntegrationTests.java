package io.callrecords.proxy.callrecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PSTN and Direct Routing call logs end to end against the simulator, which serves
 * Graph's functions with generated rows (PSTN: 2,500 from 2026-11-01T00:00Z, one every 5
 * minutes; Direct Routing: 1,200, one every 10 minutes), 1,000 a page with {@code $skip}
 * links, and PSTN's {@code toDateTime} inclusive as Graph documents it.
 */
class CallLogsIntegrationTests extends IntegrationTestSupport {

	private static final String PSTN_RANGE = "/api/v1/pstn-calls?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z";

	@Test
	void pstnCallsArePagedThroughGraphsSkipLinksToTheEndEachRowOnce() {
		List<JsonNode> rows = walk(PSTN_RANGE);

		assertThat(rows).hasSize(2500);
		assertThat(new HashSet<>(rows.stream().map((row) -> row.get("id").asString()).toList())).hasSize(2500);
		assertThat(rows.get(0).get("durationSeconds").isInt()).isTrue();
		List<String> graphUrls = simulator.graphRequests().stream().map(LoggedRequest::getUrl).toList();
		assertThat(graphUrls).hasSize(3);
		assertThat(graphUrls.get(0)).contains(
				"/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01T00:00:00.000Z,toDateTime=2026-11-30T00:00:00.000Z)")
			.doesNotContain("$skip");
		assertThat(graphUrls.get(1)).endsWith("?$skip=1000");
		assertThat(graphUrls.get(2)).endsWith("?$skip=2000");
	}

	@Test
	void callLogsUseTheirOwnBudgetsAndNotTheCallRecordsOnes() {
		double pstn = count("graph.client.budget.used", "budget", "pstn_calls");
		double directRouting = count("graph.client.budget.used", "budget", "direct_routing_calls");
		double callLogApp = count("graph.client.budget.used", "budget", "call_log_app");
		double app = count("graph.client.budget.used", "budget", "app");

		walk("/api/v1/pstn-calls?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");
		walk("/api/v1/direct-routing-calls?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");

		assertThat(count("graph.client.budget.used", "budget", "pstn_calls") - pstn).isEqualTo(1);
		assertThat(count("graph.client.budget.used", "budget", "direct_routing_calls") - directRouting).isEqualTo(1);
		assertThat(count("graph.client.budget.used", "budget", "call_log_app") - callLogApp).isEqualTo(2);
		assertThat(count("graph.client.budget.used", "budget", "app") - app).isZero();
	}

	@Test
	void aSmallerPageSizeWalksTheSameRows() {
		List<JsonNode> rows = walk("/api/v1/pstn-calls?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&pageSize=100");

		assertThat(rows).hasSize(288);
		assertThat(rows.stream().map((row) -> row.get("id").asString()).distinct()).hasSize(288);
	}

	@Test
	void toIsExclusiveOnBothLogsThoughGraphReturnsPstnCallsStartingAtTo() {
		List<JsonNode> pstn = walk("/api/v1/pstn-calls?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");
		List<JsonNode> directRouting = walk(
				"/api/v1/direct-routing-calls?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");

		// one call every 5 minutes for 24 hours, and Graph sent the one at
		// 2026-11-02T00:00Z too
		assertThat(pstn).hasSize(288);
		assertThat(directRouting).hasSize(144);
		Instant to = Instant.parse("2026-11-02T00:00:00Z");
		assertThat(pstn)
			.allSatisfy((row) -> assertThat(Instant.parse(row.get("startDateTime").asString())).isBefore(to));
		assertThat(Instant.parse(pstn.get(0).get("startDateTime").asString()))
			.isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
	}

	@Test
	void directRoutingRowsCarryTheirSipResultAndFailureTimeOnlyWhenTheCallFailed() {
		List<JsonNode> rows = walk("/api/v1/direct-routing-calls?from=2026-11-01T00:00:00Z&to=2026-11-01T02:00:00Z");

		assertThat(rows).hasSize(12);
		assertThat(rows).filteredOn((row) -> !row.get("successfulCall").asBoolean())
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("finalSipCode").asInt()).isEqualTo(487);
				assertThat(row.has("failureDateTime")).isTrue();
			});
		assertThat(rows).filteredOn((row) -> row.get("successfulCall").asBoolean())
			.allSatisfy((row) -> assertThat(row.has("failureDateTime")).isFalse());
	}

	@Test
	void aGraph403SaysWhichPermissionIsMissing() {
		simulator.onGraph(get(urlPathMatching(".*/getPstnCalls.*")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges\"}}")));

		Response response = this.api.get(PSTN_RANGE);

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_FORBIDDEN");
		assertThat(response.json().get("missingPermission").asString()).isEqualTo("CallRecord-PstnCalls.Read.All");
	}

	@Test
	void aRangeOverNinetyDaysIsRejectedBeforeGraph() {
		Response response = this.api.get("/api/v1/pstn-calls?from=2026-08-01T00:00:00Z&to=2026-11-01T00:00:00Z");

		assertThat(response.status()).isEqualTo(400);
		assertThat(simulator.graphRequests()).isEmpty();
	}

	private List<JsonNode> walk(String firstPage) {
		List<JsonNode> items = new ArrayList<>();
		JsonNode page = page(firstPage);
		int pages = 1;
		while (true) {
			page.get("items").forEach(items::add);
			if (!page.has("nextCursor")) {
				return items;
			}
			assertThat(pages++).as("pages").isLessThan(100);
			page = page(firstPage + "&cursor=" + page.get("nextCursor").asString());
		}
	}

	private JsonNode page(String pathAndQuery) {
		Response response = this.api.get(pathAndQuery);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

}
