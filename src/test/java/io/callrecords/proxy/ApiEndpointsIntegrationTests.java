package io.callrecords.proxy;

import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service exposes exactly the operations {@code api-spec.yaml} describes.
 */
class ApiEndpointsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void theServiceExposesExactlyTheOperationsOfTheSpec() {
		OpenAPI spec = new OpenAPIV3Parser().read("api-spec.yaml");
		Set<String> documented = new TreeSet<>();
		spec.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.keySet()
				.forEach((method) -> documented.add(method.name() + " " + path)));

		Set<String> exposed = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> {
			// the contract itself (/api-spec.yaml) is served beside the API, not in it
			if (method.getBeanType().getPackageName().startsWith("io.callrecords.proxy")
					&& !method.getBeanType().getSimpleName().equals("ContractController")) {
				info.getPatternValues()
					.forEach((path) -> info.getMethodsCondition()
						.getMethods()
						.forEach((verb) -> exposed.add(verb.name() + " " + path)));
			}
		});

		assertThat(exposed).isEqualTo(documented);
	}

}
