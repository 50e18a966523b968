package io.callrecords.proxy.contract;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.callrecords.proxy.graph.GraphIds;
import io.callrecords.proxy.web.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponses;

import io.smallrye.openapi.runtime.io.OpenApiParser;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.openapitools.openapistylevalidator.OpenApiSpecStyleValidator;
import org.openapitools.openapistylevalidator.ValidatorParameters;
import org.openapitools.openapistylevalidator.styleerror.StyleError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract lints clean: the OpenAPI parser's validation and OpenAPI Style Validator's
 * rules (descriptions, operation ids, tags, camelCase names) report nothing; and it
 * declares what the service answers, so that generated clients can type it.
 */
class SpecLintTests {

	@Test
	void theContractParsesWithoutAnyMessage() {
		SwaggerParseResult result = parse();

		assertThat(result.getMessages()).isEmpty();
	}

	@Test
	void theContractFollowsTheStyleRulesWithoutWarnings() throws Exception {
		ValidatorParameters parameters = new ValidatorParameters();
		parameters.setValidateInfoLicense(false);
		parameters.setValidateInfoContact(false);
		parameters.setValidateModelPropertiesDescription(false);
		parameters.setValidateModelPropertiesExample(false);
		parameters.setValidateModelRequiredProperties(false);
		parameters.setValidateModelNoLocalDef(true);
		parameters.setPropertyNamingConvention(ValidatorParameters.NamingConvention.CamelCase);
		parameters.setQueryParamNamingConvention(ValidatorParameters.NamingConvention.CamelCase);
		parameters.setPathParamNamingConvention(ValidatorParameters.NamingConvention.CamelCase);
		parameters.setPathNamingConvention(ValidatorParameters.NamingConvention.HyphenCase);

		List<StyleError> errors = new OpenApiSpecStyleValidator(
				OpenApiParser.parse(Path.of("api-spec.yaml").toUri().toURL()))
			.validate(parameters);

		assertThat(errors).extracting(StyleError::toString).isEmpty();
	}

	@Test
	void everyOperationDeclaresEveryProblemStatusTheServiceAnswersWithTheProblemSchema() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setResolveFully(true);
		OpenAPI spec = new OpenAPIParser().readLocation("api-spec.yaml", null, options).getOpenAPI();
		// every status of a problem code, except those only some operations answer: 404
		// (a record that is not there), 410 (a cursor Graph no longer accepts)
		Set<String> everywhere = Arrays.stream(ProblemCode.values())
			.map((code) -> String.valueOf(code.status().value()))
			.filter((status) -> !status.equals("404") && !status.equals("410"))
			.collect(Collectors.toCollection(TreeSet::new));

		assertThat(everywhere).contains("405", "406", "500");
		spec.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
			ApiResponses responses = operation.getResponses();
			assertThat(responses.keySet()).as(path).containsAll(everywhere);
			responses.forEach((status, response) -> {
				if (status.startsWith("4") || status.startsWith("5")) {
					assertThat(response.getContent().keySet()).as(path + " " + status)
						.containsExactly("application/problem+json");
					assertThat(response.getContent().get("application/problem+json").getSchema().getRequired())
						.as(path + " " + status)
						.contains("code");
				}
			});
		}));
	}

	@Test
	void theParticipantIdPatternAcceptsWhatTheServiceAcceptsAndNothingElse() {
		OpenAPI spec = parse().getOpenAPI();
		String pattern = spec.getPaths()
			.get("/api/v1/call-records")
			.getGet()
			.getParameters()
			.stream()
			.filter((parameter) -> parameter.getName().equals("participantId"))
			.findFirst()
			.orElseThrow()
			.getSchema()
			.getPattern();

		for (String value : List.of("a11ce000-0000-4000-8000-000000000003", "A11CE000-0000-4000-8000-000000000003",
				"+14255550100", "+12", "+123456789012345", "x' or true", "+0123", "+1234567890123456", "1234567",
				"a11ce000-0000-4000-8000-00000000000g", "")) {
			assertThat(Pattern.compile(pattern).matcher(value).find()).as(value)
				.isEqualTo(GraphIds.isParticipantId(value));
		}
	}

	private static SwaggerParseResult parse() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		return new OpenAPIParser().readLocation("api-spec.yaml", null, options);
	}

}
