package io.callrecords.proxy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The simulator's call records: each file under {@code simulator/records} holds one
 * record as Graph stores it, with every navigation ({@code organizer_v2},
 * {@code participants_v2}, {@code sessions} with {@code segments}) filled in. Requests
 * see a copy shaped by their {@code $expand} and {@code $select}.
 */
final class CallRecordStore {

	private final Map<String, ObjectNode> records = new ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);

	CallRecordStore(JsonMapper json, java.util.List<ObjectNode> generated) {
		generated.forEach(this::put);
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:simulator/records/*.json");
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					ObjectNode record = (ObjectNode) json.readTree(in);
					this.records.put(record.get("id").asString(), record);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Nullable ObjectNode get(String id) {
		ObjectNode record = this.records.get(id);
		return (record != null) ? record.deepCopy() : null;
	}

	/** The stored records themselves, not copies: callers must not change them. */
	java.util.Collection<ObjectNode> all() {
		return this.records.values();
	}

	Set<String> ids() {
		return this.records.keySet();
	}

	void put(JsonNode record) {
		this.records.put(record.get("id").asString(), (ObjectNode) record.deepCopy());
	}

}
