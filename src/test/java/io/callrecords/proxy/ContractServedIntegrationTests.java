package io.callrecords.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.callrecords.proxy.ApiResponses.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service serves the contract file itself, byte for byte, and a Swagger UI on
 * it.
 */
class ContractServedIntegrationTests extends IntegrationTestSupport {

	@Test
	void theServedContractIsTheRepositorysFileUnchanged() throws IOException {
		Response served = this.api.send("/api-spec.yaml", null, Map.of());

		assertThat(served.status()).isEqualTo(200);
		assertThat(served.body()).isEqualTo(Files.readString(Path.of("api-spec.yaml")));
	}

	@Test
	void swaggerUiRendersTheServedContractWithoutAToken() {
		Response page = this.api.send("/docs/index.html", null, Map.of());

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui-bundle.js");
		assertThat(this.api.send("/docs/init.js", null, Map.of()).body()).contains("url: '/api-spec.yaml'");
		assertThat(this.api.send("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", null, Map.of()).status())
			.isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self'");
	}

}
