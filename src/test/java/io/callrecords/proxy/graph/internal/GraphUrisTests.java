package io.callrecords.proxy.graph.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.callrecords.proxy.graph.CallRecordFilter;
import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.CallRecordRequest.Expansion;
import io.callrecords.proxy.graph.CallRecordRequest.Property;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph's addresses and the one check every link passes before the service's token is
 * sent to it.
 */
class GraphUrisTests {

	private static final String RECORD = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String BASE = "https://graph.microsoft.com/v1.0";

	private final GraphUris uris = new GraphUris(URI.create(BASE));

	@Test
	void aRecordIsAskedForWithItsExpansionsAndSelectedPropertiesInOrder() {
		URI uri = this.uris
			.callRecord(new CallRecordRequest(RECORD, Set.of(Expansion.SESSIONS_WITH_SEGMENTS, Expansion.PARTICIPANTS),
					List.of(Property.ID, Property.VERSION, Property.END_DATE_TIME, Property.TYPE), 10, "rid"));

		assertThat(uri.getPath()).isEqualTo("/v1.0/communications/callRecords/" + RECORD);
		assertThat(uri.getQuery())
			.isEqualTo("$expand=participants_v2,sessions($expand=segments)&$select=id,version,endDateTime,type");
	}

	@Test
	void theListIsFilteredByStartTimeAndParticipantInODataAndEncoded() {
		URI uri = this.uris
			.firstPage(PageRequest.callRecords(new CallRecordFilter(Instant.parse("2024-06-01T09:00:00Z"),
					Instant.parse("2024-06-02T04:00:00.5Z"), "+14255550100"), 10, "rid"));

		assertThat(uri.getQuery()).isEqualTo("$filter=startDateTime ge 2024-06-01T09:00:00.000Z and startDateTime lt "
				+ "2024-06-02T04:00:00.500Z and participants_v2/any(p:p/id eq '+14255550100')");
		assertThat(uri.getRawQuery()).doesNotContain(" ", "'", "+1425");
	}

	@Test
	void theCallLogsAreAskedForWithTheirRangeAsFunctionParameters() {
		CallRecordFilter range = new CallRecordFilter(Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-11-02T00:00:00.5Z"), null);

		URI pstn = this.uris.firstPage(PageRequest.callLog(GraphCollection.PSTN_CALLS, range, "rid"));
		URI directRouting = this.uris
			.firstPage(PageRequest.callLog(GraphCollection.DIRECT_ROUTING_CALLS, range, "rid"));

		assertThat(pstn).hasToString(BASE + "/communications/callRecords/getPstnCalls("
				+ "fromDateTime=2026-11-01T00:00:00.000Z,toDateTime=2026-11-02T00:00:00.500Z)");
		assertThat(directRouting).hasToString(BASE + "/communications/callRecords/getDirectRoutingCalls("
				+ "fromDateTime=2026-11-01T00:00:00.000Z,toDateTime=2026-11-02T00:00:00.500Z)");
		// the first page is a link of its own collection, and of no other
		assertThat(this.uris.followable(pstn.toString(), GraphCollection.PSTN_CALLS, null)).isEqualTo(pstn);
		assertThat(this.uris.followable(pstn.toString(), GraphCollection.DIRECT_ROUTING_CALLS, null)).isNull();
	}

	@Test
	void graphsSkipLinksOfTheCallLogsAreFollowedAndOthersAreNot() {
		String pstn = BASE + "/communications/callRecords/getPstnCalls(from=2019-11-01,to=2019-12-01)?$skip=1000";
		String directRouting = BASE + "/communications/callRecords/getDirectRoutingCalls("
				+ "fromDateTime=2019-11-01,toDateTime=2019-12-01)?$skip=1000";

		assertThat(this.uris.followable(pstn, GraphCollection.PSTN_CALLS, null)).isNotNull();
		assertThat(this.uris.followable(directRouting, GraphCollection.DIRECT_ROUTING_CALLS, null)).isNotNull();
		assertThat(this.uris.followable(pstn.replace("graph.microsoft.com", "evil.example"), GraphCollection.PSTN_CALLS,
				null))
			.isNull();
		assertThat(this.uris.followable(BASE + "/communications/callRecords/getPstnCalls(from=1)/../../me",
				GraphCollection.PSTN_CALLS, null))
			.isNull();
		assertThat(this.uris.followable(BASE + "/communications/callRecords/getPstnCallsX(from=1)",
				GraphCollection.PSTN_CALLS, null))
			.isNull();
		assertThat(this.uris.followable(BASE + "/communications/callRecords/getPstnCalls", GraphCollection.PSTN_CALLS,
				null))
			.isNull();
		assertThat(this.uris.followable(BASE + "/communications/callRecords/getPstnCalls(from='x')",
				GraphCollection.PSTN_CALLS, null))
			.isNull();
		assertThat(this.uris.followable(BASE + "/communications/callRecords", GraphCollection.PSTN_CALLS, null))
			.isNull();
	}

	@Test
	void sessionsComeWithSegmentsOnlyWhenAsked() {
		assertThat(this.uris.firstPage(PageRequest.sessions(RECORD, true, null, "rid")).getQuery())
			.isEqualTo("$expand=segments");
		assertThat(this.uris.firstPage(PageRequest.sessions(RECORD, false, null, "rid")).getQuery()).isNull();
	}

	@Test
	void linksToTheSameCollectionOnTheConfiguredGraphAreFollowable() {
		assertThat(this.uris.followable(BASE + "/communications/callRecords?$skiptoken=x", GraphCollection.CALL_RECORDS,
				null))
			.isNotNull();
		assertThat(this.uris.followable(BASE.toUpperCase().replace("HTTPS", "https") + "/communications/callRecords/"
				+ RECORD.toUpperCase() + "/sessions?$skiptoken=x", GraphCollection.SESSIONS, RECORD))
			.isNotNull();
		assertThat(this.uris.followable(
				"https://graph.microsoft.com:443/v1.0/communications/callRecords/" + RECORD + "/participants_v2",
				GraphCollection.PARTICIPANTS, RECORD))
			.isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://graph.microsoft.com/v1.0/communications/callRecords",
			"https://graph.microsoft.com:8443/v1.0/communications/callRecords",
			"https://evil.example/v1.0/communications/callRecords",
			"https://graph.microsoft.com.evil.example/v1.0/communications/callRecords",
			"https://user@graph.microsoft.com/v1.0/communications/callRecords",
			"https://graph.microsoft.com/v1.0/communications/callRecords#x",
			"https://graph.microsoft.com/beta/communications/callRecords",
			"https://graph.microsoft.com/v1.0/communications/callRecords/../../me",
			"https://graph.microsoft.com/v1.0/communications/callRecords/x/sessions",
			"/v1.0/communications/callRecords", "mailto:someone@example.com",
			"https://graph.microsoft.com/v1.0/communications/call Records", "" })
	void anyOtherLinkIsNeverFollowed(String link) {
		assertThat(this.uris.followable(link, GraphCollection.CALL_RECORDS, null)).isNull();
		assertThat(this.uris.pageLink(link, GraphCollection.CALL_RECORDS, null)).isNull();
	}

	@Test
	void aLinkOfOneRecordsCollectionDoesNotLeadToAnotherRecordOrCollection() {
		String sessions = BASE + "/communications/callRecords/" + RECORD + "/sessions";

		assertThat(this.uris.followable(sessions, GraphCollection.PARTICIPANTS, RECORD)).isNull();
		assertThat(this.uris.followable(sessions, GraphCollection.SESSIONS, "0b4bc7e4-4c2b-4a4d-9e4a-000000000001"))
			.isNull();
		assertThat(this.uris.followable(sessions, GraphCollection.CALL_RECORDS, null)).isNull();
	}

}
