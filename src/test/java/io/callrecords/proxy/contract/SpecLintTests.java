package io.callrecords.proxy.contract;

import java.nio.file.Path;
import java.util.List;

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
 * rules (descriptions, operation ids, tags, camelCase names) report nothing.
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

	private static SwaggerParseResult parse() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		return new OpenAPIParser().readLocation("api-spec.yaml", null, options);
	}

}
