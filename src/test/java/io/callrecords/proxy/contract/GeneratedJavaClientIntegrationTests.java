package io.callrecords.proxy.contract;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.callrecords.client.ApiClient;
import io.callrecords.client.ApiException;
import io.callrecords.client.JSON;
import io.callrecords.client.api.CallLogsApi;
import io.callrecords.client.api.CallRecordsApi;
import io.callrecords.client.model.CallQualityReport;
import io.callrecords.client.model.CallRecord;
import io.callrecords.client.model.CallRecordPage;
import io.callrecords.client.model.CallRecordSummary;
import io.callrecords.client.model.DirectRoutingCall;
import io.callrecords.client.model.DirectRoutingCallPage;
import io.callrecords.client.model.Party;
import io.callrecords.client.model.PartyPage;
import io.callrecords.client.model.Problem;
import io.callrecords.client.model.PstnCall;
import io.callrecords.client.model.PstnCallPage;
import io.callrecords.client.model.Session;
import io.callrecords.client.model.SessionPage;
import io.callrecords.client.model.StreamQuality;
import io.callrecords.proxy.IntegrationTestSupport;
import io.callrecords.proxy.simulator.RecordFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client an internal app generates from {@code api-spec.yaml} (OpenAPI
 * Generator, {@code java}/{@code native}, built in {@code generate-test-sources}), used
 * unchanged against the running service on the simulator.
 */
class GeneratedJavaClientIntegrationTests extends IntegrationTestSupport {

	private static final String BIG = RecordFactory.BIG_GROUP_CALL;

	private CallRecordsApi client;

	private CallLogsApi logs;

	@BeforeEach
	void client() {
		ApiClient apiClient = new ApiClient();
		apiClient.setScheme("http");
		apiClient.setHost("localhost");
		apiClient.setPort(this.port);
		apiClient.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + CALLER_TOKEN));
		this.client = new CallRecordsApi(apiClient);
		this.logs = new CallLogsApi(apiClient);
	}

	@Test
	void pagesThroughBothCallLogsToTheEnd() throws ApiException {
		OffsetDateTime from = OffsetDateTime.parse("2026-11-01T00:00:00Z");
		OffsetDateTime to = OffsetDateTime.parse("2026-11-30T00:00:00Z");
		List<PstnCall> pstn = new ArrayList<>();
		String cursor = null;
		do {
			PstnCallPage page = this.logs.listPstnCalls(from, to, 1000, cursor);
			pstn.addAll(page.getItems());
			cursor = page.getNextCursor();
		}
		while (cursor != null);
		List<DirectRoutingCall> directRouting = new ArrayList<>();
		do {
			DirectRoutingCallPage page = this.logs.listDirectRoutingCalls(from, to, 500, cursor);
			directRouting.addAll(page.getItems());
			cursor = page.getNextCursor();
		}
		while (cursor != null);

		assertThat(pstn).hasSize(2500)
			.allSatisfy((call) -> assertThat(call.getStartDateTime()).isAfterOrEqualTo(from).isBefore(to));
		assertThat(pstn.get(0).getDurationSeconds()).isNotNull();
		assertThat(pstn.get(1).getCharge()).isNotNull();
		assertThat(directRouting).hasSize(1200);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.logs.listPstnCalls(to, from, null, null))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(400);
				assertThat(problem(ex).getCode()).isEqualTo(Problem.CodeEnum.INVALID_REQUEST);
			});
	}

	@Test
	void getsARecordWithEveryInclude() throws ApiException {
		CallRecord record = this.client.getCallRecord("6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f",
				List.of("participants", "sessions", "segments"), null);

		assertThat(record.getOrganizer().getKind()).isEqualTo(Party.KindEnum.USER);
		assertThat(record.getParticipants()).hasSize(17);
		assertThat(record.getSessions()
			.get(0)
			.getSegments()
			.get(0)
			.getMedia()
			.get(0)
			.getStreams()
			.get(0)
			.getAverageJitterMs()
			.doubleValue()).isEqualTo(16.0);
		assertThat(this.client.getCallRecord(record.getId(), List.of("sessions"), List.of("type")).getSessions())
			.isNotEmpty();
	}

	@Test
	void getsTheQualityReportOfAPoorCallAndTheVerdictsInItsStreams() throws ApiException {
		CallQualityReport report = this.client.getCallRecordQuality(RecordFactory.POOR_MEETING);

		assertThat(report.getVerdict()).isEqualTo(CallQualityReport.VerdictEnum.POOR);
		assertThat(report.getClassifier().getThresholds().getScreenSharing().getFrameRate()).isEqualTo(2.0);
		assertThat(report.getCounts().getPoorShare()).isEqualTo(0.2);
		assertThat(report.getParticipants()).extracting((participant) -> participant.getWorstReason())
			.containsExactly("averageJitterMs", "averageVideoFrameRate", null);
		StreamQuality first = report.getStreams().get(0).getQuality();
		assertThat(first.getMediaType()).isEqualTo(StreamQuality.MediaTypeEnum.AUDIO);
		assertThat(first.getChecks()).extracting((check) -> check.getComparison().getValue())
			.containsOnly("greaterThan");
		CallRecord record = this.client.getCallRecord(RecordFactory.POOR_MEETING, List.of("segments"), null);
		StreamQuality inRecord = record.getSessions()
			.get(0)
			.getSegments()
			.get(0)
			.getMedia()
			.get(0)
			.getStreams()
			.get(0)
			.getQuality();
		assertThat(inRecord.getVerdict()).isEqualTo(first.getVerdict());
		assertThat(inRecord.getPoorDueTo()).isEqualTo(first.getPoorDueTo()).containsExactly("averageJitterMs");
		assertThat(inRecord.getChecks()).isNullOrEmpty();
	}

	@Test
	void pagesThroughEveryListToTheEnd() throws ApiException {
		List<CallRecordSummary> records = new ArrayList<>();
		String cursor = null;
		do {
			CallRecordPage page = this.client.listCallRecords(null, null, null, 50, cursor);
			records.addAll(page.getItems());
			cursor = page.getNextCursor();
		}
		while (cursor != null);
		List<Session> sessions = new ArrayList<>();
		do {
			SessionPage page = this.client.listCallRecordSessions(BIG, true, 60, cursor);
			sessions.addAll(page.getItems());
			cursor = page.getNextCursor();
		}
		while (cursor != null);
		List<Party> participants = new ArrayList<>();
		do {
			PartyPage page = this.client.listCallRecordParticipants(BIG, 130, cursor);
			participants.addAll(page.getItems());
			cursor = page.getNextCursor();
		}
		while (cursor != null);

		assertThat(records).hasSize(simulator.allRecords().size());
		assertThat(sessions).hasSize(210).allSatisfy((session) -> assertThat(session.getSegments()).isNotEmpty());
		assertThat(participants).hasSize(320);
	}

	@Test
	void receivesTypedProblemsForNotFoundAndBadRequest() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.client.getCallRecord("00000000-0000-4000-8000-000000000404", null, null))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(404);
				Problem problem = problem(ex);
				assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.CALL_RECORD_NOT_FOUND);
				assertThat(problem.getDetail()).contains("150 minutes");
			});
		int graphRequests = simulator.graphRequests().size();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.client.getCallRecord("not-a-guid", List.of("everything"), null))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(400);
				Problem problem = problem(ex);
				assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.INVALID_REQUEST);
				assertThat(problem.getErrors()).extracting((error) -> error.getParameter())
					.containsExactly("id", "include");
			});
		assertThat(simulator.graphRequests()).hasSize(graphRequests);
	}

	private static Problem problem(ApiException ex) {
		return JSON.getDefault().getMapper().readValue(ex.getResponseBody(), Problem.class);
	}

}
