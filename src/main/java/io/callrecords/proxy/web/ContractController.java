package io.callrecords.proxy.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the contract as {@code application/yaml} (RFC 9512): the static resource
 * handling would label it {@code application/octet-stream}, which browsers download and
 * tools refuse.
 */
@RestController
class ContractController {

	static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final Resource contract = new ClassPathResource("static/api-spec.yaml");

	@GetMapping(path = "/api-spec.yaml")
	ResponseEntity<Resource> contract() {
		return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(this.contract);
	}

}
