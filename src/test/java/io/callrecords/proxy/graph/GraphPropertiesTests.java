package io.callrecords.proxy.graph;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service refuses to start with missing or unsafe Graph settings, and says which.
 */
class GraphPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class)
		.withPropertyValues("callrecords.graph.tenant-id=dc368399-474c-4d40-900c-6265431fd81f",
				"callrecords.graph.client-id=3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee",
				"callrecords.graph.client-secret=s3cr3t-value");

	@Test
	void defaultsPointAtTheGlobalCloud() {
		this.contextRunner.run((context) -> {
			GraphProperties properties = context.getBean(GraphProperties.class);
			assertThat(properties.baseUrl()).hasToString("https://graph.microsoft.com/v1.0");
			assertThat(properties.tokenUri()).hasToString(
					"https://login.microsoftonline.com/dc368399-474c-4d40-900c-6265431fd81f/oauth2/v2.0/token");
			assertThat(properties.effectiveScope()).isEqualTo("https://graph.microsoft.com/.default");
		});
	}

	@Test
	void nationalCloudsNeedOnlyTheTwoUrls() {
		this.contextRunner
			.withPropertyValues("callrecords.graph.authority-host=https://login.microsoftonline.us/",
					"callrecords.graph.base-url=https://graph.microsoft.us/v1.0")
			.run((context) -> {
				GraphProperties properties = context.getBean(GraphProperties.class);
				assertThat(properties.tokenUri()).hasToString(
						"https://login.microsoftonline.us/dc368399-474c-4d40-900c-6265431fd81f/oauth2/v2.0/token");
				assertThat(properties.effectiveScope()).isEqualTo("https://graph.microsoft.us/.default");
			});
	}

	@Test
	void theSecretNeverAppearsInToString() {
		this.contextRunner.run((context) -> assertThat(context.getBean(GraphProperties.class).toString())
			.doesNotContain("s3cr3t-value"));
	}

	@Test
	void refusesToStartWithoutTenantClientOrSecret() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
					ValidationAutoConfiguration.class))
			.withUserConfiguration(Config.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"));
	}

	@Test
	void refusesToStartWithTwoCredentials() {
		this.contextRunner.withPropertyValues("callrecords.graph.federated-token-file=pom.xml")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("exactly one credential"));
	}

	@Test
	void refusesToStartWithACredentialFileItCannotRead() {
		this.contextRunner
			.withPropertyValues("callrecords.graph.client-secret=",
					"callrecords.graph.client-certificate-path=/nope.pem")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("AZURE_CLIENT_CERTIFICATE_PATH"));
	}

	@Test
	void refusesToStartWithAnUpstreamThatIsNotAnHttpUrl() {
		this.contextRunner.withPropertyValues("callrecords.graph.base-url=ftp://graph.example/v1.0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("GRAPH_BASE_URL"));
	}

	@Test
	void refusesToStartWithATenantThatCouldAlterTheTokenUri() {
		this.contextRunner.withPropertyValues("callrecords.graph.tenant-id=evil/../../x")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("AZURE_TENANT_ID"));
	}

	@Test
	void refusesToStartWithAZeroTimeout() {
		this.contextRunner.withPropertyValues("callrecords.graph.response-timeout=0s")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("timeouts"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GraphProperties.class)
	static class Config {

	}

}
