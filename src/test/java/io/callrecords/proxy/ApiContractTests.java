package io.callrecords.proxy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.callrecords.proxy.callrecords.CallQualityReport;
import io.callrecords.proxy.callrecords.CallRecordPage;
import io.callrecords.proxy.callrecords.CallRecordResponse;
import io.callrecords.proxy.callrecords.CallRecordSummary;
import io.callrecords.proxy.callrecords.PartyPage;
import io.callrecords.proxy.callrecords.SessionPage;
import io.callrecords.proxy.callrecords.DeviceInfo;
import io.callrecords.proxy.callrecords.FailureInfo;
import io.callrecords.proxy.callrecords.Media;
import io.callrecords.proxy.callrecords.MediaStream;
import io.callrecords.proxy.callrecords.NetworkInfo;
import io.callrecords.proxy.callrecords.Party;
import io.callrecords.proxy.callrecords.PartyKind;
import io.callrecords.proxy.callrecords.Segment;
import io.callrecords.proxy.callrecords.Session;
import io.callrecords.proxy.callrecords.SessionEndpoint;
import io.callrecords.proxy.quality.MediaType;
import io.callrecords.proxy.quality.MetricCheck;
import io.callrecords.proxy.quality.QualityClassifier;
import io.callrecords.proxy.quality.QualityThresholds;
import io.callrecords.proxy.quality.StreamQuality;
import io.callrecords.proxy.quality.UnclassifiedReason;
import io.callrecords.proxy.quality.Verdict;
import io.callrecords.proxy.web.InvalidParameter;
import io.callrecords.proxy.web.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code api-spec.yaml} and the code agree: every schema the server returns has exactly
 * the properties of the record that produces it, every enum matches, and the response
 * validator the integration tests use is strict.
 */
class ApiContractTests {

	private static final OpenAPI SPEC = new OpenAPIV3Parser().read("api-spec.yaml");

	private static final Map<String, Class<? extends Record>> SCHEMAS = new LinkedHashMap<>();

	static {
		SCHEMAS.put("CallRecord", CallRecordResponse.class);
		SCHEMAS.put("CallRecordSummary", CallRecordSummary.class);
		SCHEMAS.put("CallRecordPage", CallRecordPage.class);
		SCHEMAS.put("SessionPage", SessionPage.class);
		SCHEMAS.put("PartyPage", PartyPage.class);
		SCHEMAS.put("Party", Party.class);
		SCHEMAS.put("Session", Session.class);
		SCHEMAS.put("Segment", Segment.class);
		SCHEMAS.put("SessionEndpoint", SessionEndpoint.class);
		SCHEMAS.put("UserAgent", SessionEndpoint.UserAgent.class);
		SCHEMAS.put("Feedback", SessionEndpoint.Feedback.class);
		SCHEMAS.put("FailureInfo", FailureInfo.class);
		SCHEMAS.put("Media", Media.class);
		SCHEMAS.put("MediaStream", MediaStream.class);
		SCHEMAS.put("NetworkInfo", NetworkInfo.class);
		SCHEMAS.put("TraceRouteHop", NetworkInfo.TraceRouteHop.class);
		SCHEMAS.put("DeviceInfo", DeviceInfo.class);
		SCHEMAS.put("InvalidParameter", InvalidParameter.class);
		SCHEMAS.put("CallQualityReport", CallQualityReport.class);
		SCHEMAS.put("QualityCounts", CallQualityReport.Counts.class);
		SCHEMAS.put("ParticipantQuality", CallQualityReport.ParticipantQuality.class);
		SCHEMAS.put("PoorStream", CallQualityReport.PoorStream.class);
		SCHEMAS.put("StreamReport", CallQualityReport.StreamReport.class);
		SCHEMAS.put("StreamQuality", StreamQuality.class);
		SCHEMAS.put("MetricCheck", MetricCheck.class);
		SCHEMAS.put("QualityClassifier", QualityClassifier.class);
		SCHEMAS.put("QualityThresholds", QualityThresholds.class);
		SCHEMAS.put("AudioThresholds", QualityThresholds.Audio.class);
		SCHEMAS.put("VideoThresholds", QualityThresholds.Video.class);
		SCHEMAS.put("PstnCallPage", io.callrecords.proxy.callrecords.PstnCallPage.class);
		SCHEMAS.put("PstnCall", io.callrecords.proxy.callrecords.PstnCall.class);
		SCHEMAS.put("DirectRoutingCallPage", io.callrecords.proxy.callrecords.DirectRoutingCallPage.class);
		SCHEMAS.put("DirectRoutingCall", io.callrecords.proxy.callrecords.DirectRoutingCall.class);
	}

	@Test
	void everyResponseSchemaHasExactlyThePropertiesOfItsRecord() {
		SCHEMAS.forEach((name, type) -> {
			Set<String> components = Arrays.stream(type.getRecordComponents())
				.map(RecordComponent::getName)
				.collect(Collectors.toCollection(TreeSet::new));
			assertThat(new TreeSet<>(schema(name).getProperties().keySet())).as("properties of schema %s", name)
				.isEqualTo(components);
		});
	}

	@Test
	void everySchemaOfTheSpecIsProducedByTheCode() {
		Set<String> documented = new TreeSet<>(SPEC.getComponents().getSchemas().keySet());
		documented.remove("Problem");
		assertThat(documented).isEqualTo(new TreeSet<>(SCHEMAS.keySet()));
	}

	@Test
	void partyKindsAreTheSpecsEnum() {
		assertThat(enumOf("Party", "kind"))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(PartyKind.values()).map(PartyKind::slot).toList());
	}

	@Test
	void qualityEnumsAreTheSpecsEnums() {
		List<String> verdicts = Arrays.stream(Verdict.values()).map(Verdict::value).toList();
		assertThat(enumOf("StreamQuality", "verdict")).containsExactlyInAnyOrderElementsOf(verdicts);
		assertThat(enumOf("ParticipantQuality", "verdict")).containsExactlyInAnyOrderElementsOf(verdicts);
		assertThat(enumOf("CallQualityReport", "verdict")).containsExactlyInAnyOrderElementsOf(verdicts);
		assertThat(enumOf("StreamQuality", "mediaType"))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(MediaType.values()).map(MediaType::value).toList());
		assertThat(enumOf("StreamQuality", "unclassifiedReason")).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(UnclassifiedReason.values()).map(UnclassifiedReason::value).toList());
		assertThat(enumOf("MetricCheck", "comparison")).containsExactlyInAnyOrder(MetricCheck.GREATER_THAN,
				MetricCheck.LESS_THAN);
	}

	@Test
	void problemCodesAreTheSpecsEnum() {
		assertThat(enumOf("Problem", "code"))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(ProblemCode.values()).map(Enum::name).toList());
	}

	@Test
	void theContractValidatorRejectsPropertiesTheSpecDoesNotName() {
		ValidationReport report = ApiResponses.CONTRACT.validateResponse(
				"/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5", Request.Method.GET,
				SimpleResponse.Builder.ok()
					.withContentType("application/json")
					.withBody("{\"id\":\"e523d2ed-2966-4b6b-925b-754a88034cc5\",\"organizer_v2\":{}}")
					.build());

		assertThat(report.hasErrors()).isTrue();
	}

	@Test
	void theContractValidatorRejectsUndocumentedProblemCodes() {
		ValidationReport report = ApiResponses.CONTRACT.validateResponse(
				"/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5", Request.Method.GET,
				SimpleResponse.Builder.status(404)
					.withContentType("application/problem+json")
					.withBody("{\"type\":\"about:blank\",\"title\":\"x\",\"status\":404,\"code\":\"SOMETHING_NEW\"}")
					.build());

		assertThat(report.hasErrors()).isTrue();
	}

	private static java.util.List<String> enumOf(String schema, String property) {
		Schema<?> values = schema(schema).getProperties().get(property);
		return values.getEnum().stream().map(String::valueOf).toList();
	}

	private static Schema<?> schema(String name) {
		Schema<?> schema = SPEC.getComponents().getSchemas().get(name);
		assertThat(schema).as("schema %s", name).isNotNull();
		return schema;
	}

}
