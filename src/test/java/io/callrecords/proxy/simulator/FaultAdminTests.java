package io.callrecords.proxy.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection over HTTP, as README shows it for the local run.
 */
class FaultAdminTests {

	private final GraphSimulator simulator = GraphSimulator.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void reset() {
		this.simulator.reset();
	}

	@Test
	void faultsAreAddedWithPostAndClearedWithDelete() throws Exception {
		String faults = this.simulator.graphBaseUrl().replace("/v1.0", "") + "/__faults";

		assertThat(send("POST", faults + "?kind=poison&scope=record:" + RecordFactory.seriesId(1) + "&status=500"))
			.contains("fault added: poison");
		assertThat(this.simulator.faults().graph("record:" + RecordFactory.seriesId(1), () -> null, null)).isNotNull();
		assertThat(send("DELETE", faults)).contains("faults cleared");
		assertThat(this.simulator.faults().graph("record:" + RecordFactory.seriesId(1), () -> null, null)).isNull();
		assertThat(send("POST", faults + "?kind=nonsense")).contains("unknown kind");
	}

	private String send(String method, String uri) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(uri)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
