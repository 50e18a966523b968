package io.callrecords.proxy.contract;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.callrecords.released.client.ApiClient;
import io.callrecords.released.client.ApiException;
import io.callrecords.released.client.JSON;
import io.callrecords.released.client.api.CallRecordsApi;
import io.callrecords.released.client.model.CallRecord;
import io.callrecords.released.client.model.Party;
import io.callrecords.released.client.model.Problem;
import io.callrecords.released.client.model.SessionEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract can grow: a client an app generated from the released contract
 * ({@code api/released/v1.yaml}, OpenAPI Generator {@code java}/{@code native} with
 * {@code enumUnknownDefaultCase=true}, as README says) reads answers carrying enum values
 * and fields it has never seen (a new problem code, party kind, endpoint type) without
 * failing. This is why ContractCompatibilityTests lets a response enum grow.
 */
class ContractEvolutionTests {

	private static final String RECORD = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String MISSING = "00000000-0000-4000-8000-000000000404";

	private static final WireMockServer service = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeAll
	static void answerWithValuesTheReleasedContractDoesNotKnow() {
		service.start();
		service.stubFor(get(urlPathEqualTo("/api/v1/call-records/" + RECORD))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"id": "%s", "version": 3, "type": "holographicCall", "modalities": ["telepathy"],
					 "organizer": {"id": "a11ce000-0000-4000-8000-000000000001", "kind": "spaceAgent",
					   "external": false, "pronouns": "they"},
					 "participants": [{"id": "+14255550100", "kind": "phone"}],
					 "sessions": [{"id": "s1", "caller": {"endpointType": "satellite", "holoId": 7},
					   "callee": {"endpointType": "service"}}],
					 "sessionsTruncated": false, "carbonGrams": 0.4}
					""".formatted(RECORD))));
		service.stubFor(get(urlPathEqualTo("/api/v1/call-records/" + MISSING)).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(
					"""
							{"type": "urn:callrecords-proxy:problem:call-record-archived", "title": "Call record archived",
							 "status": 404, "code": "CALL_RECORD_ARCHIVED", "clientRequestId": "5da93eeb-ce1f-4633-8adf-22ea7183110b",
							 "archive": "cold"}
							""")));
	}

	@AfterAll
	static void stop() {
		service.stop();
	}

	@Test
	void aReleasedClientReadsARecordWithAPartyKindAndEndpointTypeItHasNeverSeen() throws ApiException {
		CallRecord record = client().getCallRecord(RECORD, null, null);

		assertThat(record.getOrganizer().getKind()).isEqualTo(Party.KindEnum.UNKNOWN_DEFAULT_OPEN_API);
		assertThat(record.getParticipants()).singleElement()
			.satisfies((party) -> assertThat(party.getKind()).isEqualTo(Party.KindEnum.PHONE));
		assertThat(record.getSessions().get(0).getCaller().getEndpointType())
			.isEqualTo(SessionEndpoint.EndpointTypeEnum.UNKNOWN_DEFAULT_OPEN_API);
		assertThat(record.getSessions().get(0).getCallee().getEndpointType())
			.isEqualTo(SessionEndpoint.EndpointTypeEnum.SERVICE);
		// open strings stay as sent
		assertThat(record.getType()).isEqualTo("holographicCall");
	}

	@Test
	void aReleasedClientReadsAProblemWithACodeItHasNeverSeen() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> client().getCallRecord(MISSING, null, null))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(404);
				Problem problem = JSON.getDefault().getMapper().readValue(ex.getResponseBody(), Problem.class);
				assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.UNKNOWN_DEFAULT_OPEN_API);
				assertThat(problem.getStatus()).isEqualTo(404);
			});
	}

	private static CallRecordsApi client() {
		ApiClient apiClient = new ApiClient();
		apiClient.setScheme("http");
		apiClient.setHost("localhost");
		apiClient.setPort(service.port());
		return new CallRecordsApi(apiClient);
	}

}
