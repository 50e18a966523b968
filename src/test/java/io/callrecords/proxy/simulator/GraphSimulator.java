package io.callrecords.proxy.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A Microsoft Graph and Entra ID stand-in for tests, the local run and benchmarks: two
 * WireMock servers, one per upstream, serving the call records under
 * {@code simulator/records}.
 * <p>
 * Tests add behaviour (errors, faults) by stubbing on top of the defaults with
 * {@link #onGraph(MappingBuilder)}; {@link #reset()} restores the defaults.
 */
public final class GraphSimulator implements AutoCloseable {

	/** The simulated tenant: the tenant of Microsoft's documentation examples. */
	public static final String TENANT_ID = "dc368399-474c-4d40-900c-6265431fd81f";

	/** The simulated app registration's client id. */
	public static final String CLIENT_ID = "3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee";

	/** The simulated client secret; a made-up value, valid only here. */
	public static final String CLIENT_SECRET = "simulator-only-not-a-real-secret";

	/** Graph's path prefix, as in {@code https://graph.microsoft.com/v1.0}. */
	public static final String VERSION_PATH = "/v1.0";

	private static @Nullable GraphSimulator shared;

	private final WireMockServer graph;

	private final WireMockServer entra;

	private final TokenIssuer tokens;

	private final CallRecordStore store;

	private final RecordFactory records;

	private final GraphFaults faults;

	private final CallerTokens callers;

	private final ClientAssertionVerifier assertions;

	/** How many small records the simulator generates to page through. */
	public static final int SERIES_SIZE = 130;

	private GraphSimulator(int graphPort, int entraPort, Duration tokenLifetime) {
		JsonMapper json = JsonMapper.builder().build();
		RecordFactory factory = new RecordFactory(json);
		List<ObjectNode> generated = new java.util.ArrayList<>(factory.series(SERIES_SIZE));
		generated.add(factory.groupCall(RecordFactory.BIG_GROUP_CALL, 320, 210, 1));
		generated.addAll(factory.qualityCalls());
		this.records = factory;
		this.store = new CallRecordStore(json, generated);
		this.faults = new GraphFaults(Clock.systemUTC());
		this.callers = new CallerTokens(this::callerIssuer);
		this.assertions = new ClientAssertionVerifier(CLIENT_ID, this::tokenEndpoint);
		this.tokens = new TokenIssuer(CLIENT_ID, CLIENT_SECRET, this::scope, tokenLifetime, Clock.systemUTC(),
				this.faults, this.callers, this.assertions);
		this.graph = new WireMockServer(WireMockConfiguration.options()
			.port(graphPort)
			.bindAddress("127.0.0.1")
			.extensions(new GraphCallRecords(this.tokens, this.store, json, this::graphOrigin, this.faults),
					new GraphCallLogs(this.tokens, json, this::graphOrigin, this.faults), new FaultAdmin(this.faults)));
		this.entra = new WireMockServer(
				WireMockConfiguration.options().port(entraPort).bindAddress("127.0.0.1").extensions(this.tokens));
		this.graph.start();
		this.entra.start();
		stubDefaults();
	}

	/**
	 * The simulator shared by all tests of this JVM, started on first use.
	 * @return the simulator
	 */
	public static synchronized GraphSimulator shared() {
		if (shared == null) {
			GraphSimulator simulator = start(0, 0);
			Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
			shared = simulator;
		}
		return shared;
	}

	/**
	 * Starts a simulator whose tokens live an hour, like Entra ID's.
	 * @param graphPort the Graph server's port, 0 for any free port
	 * @param entraPort the Entra ID server's port, 0 for any free port
	 * @return the running simulator
	 */
	public static GraphSimulator start(int graphPort, int entraPort) {
		return new GraphSimulator(graphPort, entraPort, Duration.ofSeconds(3599));
	}

	private void stubDefaults() {
		this.entra.stubFor(post(urlPathMatching("/" + TENANT_ID + "/oauth2/v2\\.0/token"))
			.willReturn(aResponse().withTransformers(TokenIssuer.NAME)));
		this.entra.stubFor(get(urlPathEqualTo("/" + TENANT_ID + "/discovery/v2.0/keys"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(this.callers.jwks())));
		String issuer = this.callers.issuer();
		this.entra.stubFor(get(urlPathEqualTo("/" + TENANT_ID + "/v2.0/.well-known/openid-configuration"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + this.entra.baseUrl() + "/" + TENANT_ID
						+ "/discovery/v2.0/keys\",\"token_endpoint\":\"" + this.entra.baseUrl() + "/" + TENANT_ID
						+ "/oauth2/v2.0/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"],"
						+ "\"subject_types_supported\":[\"pairwise\"],\"response_types_supported\":[\"code\"]}")));
		this.graph.stubFor(get(urlPathMatching(VERSION_PATH + "/communications/callRecords(/.*)?"))
			.willReturn(aResponse().withTransformers(GraphCallRecords.NAME)));
		// the call-log functions, ahead of the call records' catch-all and behind the
		// tests'
		// own stubs
		this.graph.stubFor(get(urlPathMatching(GraphCallLogs.PATH_PATTERN)).atPriority(3)
			.willReturn(aResponse().withTransformers(GraphCallLogs.NAME)));
		this.graph
			.stubFor(any(urlPathEqualTo(FaultAdmin.PATH)).willReturn(aResponse().withTransformers(FaultAdmin.NAME)));
	}

	/**
	 * The settings that point the service at this simulator, named as the service's
	 * environment variables.
	 * @return the settings
	 */
	public Map<String, Object> applicationProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("AZURE_TENANT_ID", TENANT_ID);
		properties.put("AZURE_CLIENT_ID", CLIENT_ID);
		properties.put("AZURE_CLIENT_SECRET", CLIENT_SECRET);
		properties.put("AZURE_AUTHORITY_HOST", this.entra.baseUrl());
		properties.put("GRAPH_BASE_URL", graphBaseUrl());
		properties.put("PROXY_AUTH_ISSUER_URI", this.callers.issuer());
		properties.put("PROXY_AUTH_JWK_SET_URI", this.entra.baseUrl() + "/" + TENANT_ID + "/discovery/v2.0/keys");
		properties.put("PROXY_AUTH_AUDIENCE", CallerTokens.AUDIENCE);
		return properties;
	}

	/**
	 * Graph's base URL, as the service's {@code GRAPH_BASE_URL}.
	 * @return the URL, ending in {@code /v1.0}
	 */
	public String graphBaseUrl() {
		return this.graph.baseUrl() + VERSION_PATH;
	}

	private String scope() {
		return graphOrigin() + "/.default";
	}

	private String callerIssuer() {
		return this.entra.baseUrl() + "/" + TENANT_ID + "/v2.0";
	}

	private String graphOrigin() {
		return this.graph.baseUrl();
	}

	/**
	 * Serves another record, or replaces one.
	 * @param record the record as Graph stores it, with its navigations
	 */
	public void addRecord(JsonNode record) {
		this.store.put(record);
	}

	/**
	 * The generator of the simulator's records, to make more.
	 * @return the generator
	 */
	public RecordFactory records() {
		return this.records;
	}

	/**
	 * The record the simulator serves under an id, with every navigation.
	 * @param id the id
	 * @return a copy of the record, or {@code null}
	 */
	public @Nullable JsonNode record(String id) {
		return this.store.get(id);
	}

	/**
	 * Every record the simulator serves, with every navigation.
	 * @return copies of the records
	 */
	public List<JsonNode> allRecords() {
		return this.store.all().stream().map((record) -> (JsonNode) record.deepCopy()).toList();
	}

	/**
	 * Adds a Graph stub that takes precedence over the simulated endpoints until
	 * {@link #reset()}.
	 * @param mapping the stub
	 */
	public void onGraph(MappingBuilder mapping) {
		this.graph.stubFor(mapping.atPriority(1));
	}

	/**
	 * Adds an Entra ID stub that takes precedence over the token endpoint until
	 * {@link #reset()}.
	 * @param mapping the stub
	 */
	public void onEntra(MappingBuilder mapping) {
		this.entra.stubFor(mapping.atPriority(1));
	}

	/**
	 * Entra ID's tokens for callers of the service.
	 * @return the caller tokens
	 */
	public CallerTokens callerTokens() {
		return this.callers;
	}

	/**
	 * A Kubernetes service account token that the simulated Entra ID accepts as a
	 * federated credential of the app (Azure workload identity).
	 * @param validity how long it stays valid; negative for an expired one
	 * @return the token, to write to the file {@code AZURE_FEDERATED_TOKEN_FILE} names
	 */
	public String federatedToken(Duration validity) {
		return this.assertions.federatedToken(validity);
	}

	/**
	 * The token endpoint of the simulated tenant.
	 * @return the URL
	 */
	public String tokenEndpoint() {
		return this.entra.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token";
	}

	/**
	 * The faults to inject into Graph's and Entra ID's answers until {@link #reset()}.
	 * @return the faults
	 */
	public GraphFaults faults() {
		return this.faults;
	}

	/**
	 * Forgets every token issued so far: Graph answers 401 to them, as after a
	 * revocation.
	 */
	public void revokeTokens() {
		this.tokens.revokeAll();
	}

	/**
	 * How many tokens the token endpoint has issued since the simulator started.
	 * @return the count
	 */
	public int tokensIssued() {
		return this.tokens.issuedCount();
	}

	/**
	 * The requests Graph received since the last {@link #reset()}, oldest first.
	 * @return the requests
	 */
	public List<LoggedRequest> graphRequests() {
		List<LoggedRequest> requests = new java.util.ArrayList<>(this.graph.findAll(anyRequestedFor(anyUrl())));
		requests.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
		return requests;
	}

	/**
	 * The requests the token endpoint received since the last {@link #reset()}.
	 * @return the requests
	 */
	public List<LoggedRequest> tokenRequests() {
		return this.entra.findAll(anyRequestedFor(anyUrl()));
	}

	/**
	 * The ids of the call records the simulator serves.
	 * @return the ids
	 */
	public Set<String> callRecordIds() {
		return this.store.ids();
	}

	/**
	 * Removes the stubs tests added and forgets the requests received.
	 */
	public void reset() {
		this.faults.clear();
		this.graph.resetAll();
		this.entra.resetAll();
		stubDefaults();
	}

	@Override
	public void close() {
		this.graph.stop();
		this.entra.stop();
	}

}
