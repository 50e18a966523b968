package bench.mvcfloor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Spring MVC floor the hop benchmark measures: the least a Spring MVC service that
 * calls Graph with WebClient does per request. One route fetches the same path from the
 * upstream (Boot's WebClient on Reactor Netty, its shared connection pool), blocks on the
 * request's virtual thread and answers the upstream's status, content type and body bytes
 * unchanged: no mapping, no security, no observations.
 */
@SpringBootApplication
@RestController
public class MvcFloorApplication {

	private static final byte[] EMPTY = new byte[0];

	private final WebClient upstream;

	MvcFloorApplication(WebClient.Builder builder, @Value("${UPSTREAM_URI:http://127.0.0.1:18281}") String upstreamUri) {
		// room for the benchmark's largest records (the service allows Graph answers of 64 MB)
		this.upstream = builder.baseUrl(upstreamUri)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 << 20))
			.build();
	}

	@GetMapping("/v1.0/communications/callRecords/{id}")
	ResponseEntity<byte[]> callRecord(@PathVariable String id) {
		return this.upstream.get()
			.uri("/v1.0/communications/callRecords/{id}", id)
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(EMPTY)
				.map((body) -> ResponseEntity.status(response.statusCode())
					.headers((headers) -> response.headers()
						.contentType()
						.ifPresent(headers::setContentType))
					.body(body)))
			.block();
	}

	public static void main(String[] args) {
		SpringApplication.run(MvcFloorApplication.class, args);
	}

}
