package io.callrecords.proxy.callrecords;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.FakeGraph;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphProperties.Secret;
import io.callrecords.proxy.graph.PageRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cursors of the paged endpoints in front of a fake Graph: a cursor continues only
 * the query it was issued for, and any other is refused before Graph.
 */
class PagingTests extends ApiSliceTestSupport {

	private static final String RECORDS = "/api/v1/call-records";

	private static final String RECORD = RECORDS + "/" + FakeGraph.RECORD;

	private static final String OTHER_RECORD = RECORDS + "/6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f";

	@Test
	void aParticipantsCursorContinuesAtTheLinkOfItsPage() {
		String cursor = nextCursor(RECORD + "/participants?pageSize=10");
		this.graph.reset();

		MvcTestResult result = get(RECORD + "/participants?pageSize=10&cursor=" + cursor);

		assertThat(result).hasStatusOk();
		assertThat(json(result).has("nextCursor")).isFalse();
		assertThat(this.graph.requests()).singleElement()
			.isInstanceOfSatisfying(PageRequest.class, (request) -> assertThat(request.next())
				.isEqualTo(FakeGraph.secondPage(GraphCollection.PARTICIPANTS, FakeGraph.RECORD)));
	}

	@Test
	void aListCursorSentAloneContinuesItsQuery() {
		String cursor = nextCursor(RECORDS + "?pageSize=10&from=2024-06-01T00:00:00Z");
		this.graph.reset();

		assertThat(get(RECORDS + "?cursor=" + cursor)).hasStatusOk();
		assertThat(get(RECORDS + "?from=2024-06-01T00:00:00Z&cursor=" + cursor)).hasStatusOk();

		assertThat(this.graph.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request).isInstanceOfSatisfying(PageRequest.class,
					(page) -> assertThat(page.next())
						.isEqualTo(FakeGraph.secondPage(GraphCollection.CALL_RECORDS, null))));
	}

	@Test
	void aSessionsCursorSentAloneContinuesItsQueryWithOrWithoutSegments() {
		String withSegments = nextCursor(RECORD + "/sessions?includeSegments=true&pageSize=10");
		String withoutSegments = nextCursor(RECORD + "/sessions?pageSize=10");
		this.graph.reset();

		MvcTestResult segmented = get(RECORD + "/sessions?cursor=" + withSegments);
		MvcTestResult plain = get(RECORD + "/sessions?cursor=" + withoutSegments);
		MvcTestResult repeated = get(RECORD + "/sessions?includeSegments=true&pageSize=10&cursor=" + withSegments);

		assertThat(segmented).hasStatusOk();
		assertThat(plain).hasStatusOk();
		assertThat(json(plain).path("items").valueStream())
			.allSatisfy((session) -> assertThat(session.has("segments")).isFalse());
		assertThat(repeated).hasStatusOk();
		assertThat(this.graph.requests()).hasSize(3)
			.extracting((request) -> ((PageRequest) request).expandSegments())
			.containsExactly(true, false, true);
		assertThat(this.graph.requests()).allSatisfy((request) -> assertThat(((PageRequest) request).next())
			.isEqualTo(FakeGraph.secondPage(GraphCollection.SESSIONS, FakeGraph.RECORD)));
	}

	@Test
	void aSessionsCursorSentWithTheOtherIncludeSegmentsSaysWhichItContinues() {
		String withSegments = nextCursor(RECORD + "/sessions?includeSegments=true&pageSize=10");
		String withoutSegments = nextCursor(RECORD + "/sessions?pageSize=10");
		this.graph.reset();

		assertThat(assertInvalidCursor(get(RECORD + "/sessions?includeSegments=false&cursor=" + withSegments))
			.path("detail")
			.asString()).contains("includeSegments=true");
		assertThat(assertInvalidCursor(get(RECORD + "/sessions?includeSegments=true&cursor=" + withoutSegments))
			.path("detail")
			.asString()).contains("includeSegments=false");
	}

	@Test
	void aCursorRefusalSaysWhatIsWrong() {
		String participants = nextCursor(RECORD + "/participants?pageSize=10");
		String records = nextCursor(RECORDS + "?pageSize=10&from=2024-06-01T00:00:00Z");
		this.graph.reset();

		assertThat(assertInvalidCursor(get(RECORD + "/sessions?cursor=" + participants)).path("detail").asString())
			.contains("another endpoint or call record")
			.doesNotContain("altered");
		assertThat(assertInvalidCursor(get(RECORDS + "?from=2024-06-02T00:00:00Z&cursor=" + records)).path("detail")
			.asString()).contains("other filters").doesNotContain("altered");
		assertThat(assertInvalidCursor(get(RECORD + "/participants?cursor=" + participants.substring(1))).path("detail")
			.asString()).contains("altered").doesNotContain("another endpoint");
	}

	@Test
	void aListCursorContinuesWhenItsFiltersAreSentWithAnotherOffset() {
		String cursor = nextCursor(RECORDS + "?pageSize=10&from=2024-06-01T00:00:00Z");
		this.graph.reset();

		assertThat(get(RECORDS + "?from=2024-06-01T02:00:00%2B0200&cursor=" + cursor)).hasStatusOk();
	}

	@Test
	void aListCursorSentWithOtherFiltersIsAnInvalidCursor() {
		String cursor = nextCursor(RECORDS + "?pageSize=10&from=2024-06-01T00:00:00Z");
		this.graph.reset();

		assertInvalidCursor(get(RECORDS + "?from=2024-06-02T00:00:00Z&cursor=" + cursor));
		assertInvalidCursor(get(RECORDS + "?participantId=a11ce000-0000-4000-8000-000000000003&cursor=" + cursor));
	}

	@Test
	void aCursorOfAnotherEndpointRecordOrShapeIsAnInvalidCursor() {
		String participants = nextCursor(RECORD + "/participants?pageSize=10");
		String sessions = nextCursor(RECORD + "/sessions?pageSize=10");
		String records = nextCursor(RECORDS + "?pageSize=10");
		this.graph.reset();

		assertInvalidCursor(get(RECORD + "/sessions?cursor=" + participants));
		assertInvalidCursor(get(OTHER_RECORD + "/participants?cursor=" + participants));
		assertInvalidCursor(get(RECORD + "/sessions?includeSegments=true&cursor=" + sessions));
		assertInvalidCursor(get(RECORDS + "?cursor=" + participants));
		assertInvalidCursor(get(RECORD + "/participants?cursor=" + records));
	}

	@Test
	void aForgedTruncatedOrAlteredCursorIsAnInvalidCursor() {
		String cursor = nextCursor(RECORD + "/participants?pageSize=10");
		this.graph.reset();
		char last = cursor.charAt(cursor.length() - 5);
		List<String> bad = List.of("forged", "A".repeat(44), cursor.substring(0, cursor.length() - 3),
				cursor.substring(0, 20), cursor.substring(0, cursor.length() - 5) + ((last == 'A') ? 'B' : 'A')
						+ cursor.substring(cursor.length() - 4),
				cursor + "AA", "%%%", "x".repeat(8200));

		for (String forged : bad) {
			assertInvalidCursor(get(RECORD + "/participants?cursor=" + encode(forged)));
		}
	}

	@Test
	void aCursorSealedWithALinkTheGraphClientRefusesIsAnInvalidCursor() {
		Cursors cursors = new Cursors(new Secret(CURSOR_KEY));
		String misplaced = cursors.seal("participants/" + FakeGraph.RECORD,
				"\nhttps://evil.example/v1.0/communications/callRecords/" + FakeGraph.RECORD + "/participants_v2?x");

		assertInvalidCursor(get(RECORD + "/participants?cursor=" + encode(misplaced)));
	}

	private String nextCursor(String pathAndQuery) {
		MvcTestResult result = get(pathAndQuery);
		assertThat(result).hasStatusOk();
		JsonNode page = json(result);
		assertThat(page.path("items").size()).isPositive();
		return page.path("nextCursor").asString();
	}

	private JsonNode assertInvalidCursor(MvcTestResult result) {
		JsonNode problem = problem(result, HttpStatus.BAD_REQUEST, "INVALID_CURSOR");
		assertThat(problem.path("type").asString()).isEqualTo("urn:callrecords-proxy:problem:invalid-cursor");
		assertThat(this.graph.requests()).isEmpty();
		return problem;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
