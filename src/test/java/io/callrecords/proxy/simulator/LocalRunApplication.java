package io.callrecords.proxy.simulator;

import io.callrecords.proxy.CallRecordsProxyApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs the service on the Graph simulator: {@code ./mvnw spring-boot:test-run}. Nothing
 * else to install or configure; prints a ready {@code curl} once the service is up.
 */
public final class LocalRunApplication {

	private LocalRunApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0 && "--simulator-only".equals(args[0])) {
			SimulatorApplication.run(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		GraphSimulator simulator = GraphSimulator.start(Integer.getInteger("simulator.graph-port", 0),
				Integer.getInteger("simulator.entra-port", 0));
		SpringApplication application = new SpringApplication(CallRecordsProxyApplication.class);
		application.setDefaultProperties(simulator.applicationProperties());
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
			String base = "http://localhost:" + port + "/api/v1/call-records/";
			System.out.printf("%n=== callrecords-proxy is running on the Graph simulator (Graph: %s) ===%n"
					+ "Get a caller token from the simulated Entra ID, then call the API:%n"
					+ "  TOKEN=$(curl -s '%s' -d grant_type=client_credentials -d client_id=%s "
					+ "-d client_secret=%s -d scope=%s/.default | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')%n"
					+ "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f?include=participants'%n"
					+ "  curl -s -H \"Authorization: Bearer $TOKEN\" '%se523d2ed-2966-4b6b-925b-754a88034cc5?include=segments'%n"
					+ "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s?pageSize=5&from=2024-06-01T00:00:00Z'%n"
					+ "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s" + RecordFactory.POOR_MEETING + "/quality'%n"
					+ "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s"
					+ "?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&pageSize=2'%n"
					+ "Inject Graph faults (README, 'Fault injection'), for example:%n"
					+ "  curl -s -X POST '%s/__faults?kind=throttle&scope=app&retryAfter=5'%n"
					+ "  curl -s -X DELETE '%s/__faults'%n%n", simulator.graphBaseUrl(), simulator.tokenEndpoint(),
					CallerTokens.LOCAL_CALLER_ID, CallerTokens.LOCAL_CALLER_SECRET, CallerTokens.AUDIENCE, base, base,
					base.substring(0, base.length() - 1), base, "http://localhost:" + port + "/api/v1/pstn-calls",
					simulator.graphBaseUrl().replace("/v1.0", ""), simulator.graphBaseUrl().replace("/v1.0", ""));
		});
		application.run(args);
	}

}
