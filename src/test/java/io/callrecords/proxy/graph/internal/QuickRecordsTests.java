package io.callrecords.proxy.graph.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.callrecords.proxy.graph.GraphDirectRoutingRow;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphPstnCallRow;
import io.callrecords.proxy.graph.GraphSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph's records read member by member ({@link QuickRecords}) read exactly as Jackson's
 * own record reading reads them: every official fixture, and a hundred variations of each
 * (members dropped, reordered, of the wrong type, objects where values belong and values
 * where objects belong), compared record for record.
 */
class QuickRecordsTests {

	private static final JsonMapper plain = JsonMapper.builder().build();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final GraphJson quick = new GraphJson(true);

	private final GraphJson jackson = new GraphJson(false);

	@ParameterizedTest
	@CsvSource({ "callrecord-get.json, record", "callrecord-get-expand-participants_v2.json, record",
			"callrecord-get-expand-sessions-segments.json, record",
			"callrecord-get-expand-sessions-segments-legacy-full.json, record",
			"callrecord-get-legacy-organizer-participants.json, record", "callrecords-list.json, records",
			"callrecords-list-filter-participant.json, records", "callrecords-list-filter-startdatetime.json, records",
			"participants_v2-list.json, participants", "sessions-list.json, sessions",
			"sessions-list-expand-segments.json, sessions", "pstncalls-get.json, pstn",
			"directroutingcalls-get.json, directRouting" })
	void readsEveryFixtureAndEveryVariationOfItAsJacksonDoes(String fixture, String kind) {
		String body = GraphFixtures.fixture(fixture);
		JavaType type = type(kind);
		Object read = read(this.quick, body, type);
		assertThat(read).isNotNull().isEqualTo(read(this.jackson, body, type));
		JsonNode tree = plain.readTree(body);
		Random random = new Random(fixture.hashCode());
		for (int i = 0; i < 120; i++) {
			String varied = plain.writeValueAsString(vary(tree.deepCopy(), random));
			assertThat(read(this.quick, varied, type)).as(varied).isEqualTo(read(this.jackson, varied, type));
		}
	}

	@ParameterizedTest
	@CsvSource({ "'{\"id\":\"a\",\"id\":\"b\"}', b", "'{\"version\":1,\"id\":\"a\",\"id\":null}', ",
			"'{\"unknown\":{\"id\":\"x\"},\"id\":\"a\"}', a" })
	void aMemberGivenTwiceTakesItsLastValueAsJacksonDoes(String body, String id) {
		CallRecordBody read = this.quick.read(body, CallRecordBody.class);

		assertThat(read).isEqualTo(this.jackson.read(body, CallRecordBody.class));
		assertThat(read.id()).isEqualTo(id);
	}

	private JavaType type(String kind) {
		return switch (kind) {
			case "record" -> this.quick.type(CallRecordBody.class);
			case "records" -> this.quick.pageOf(CallRecordBody.class);
			case "participants" -> this.quick.pageOf(GraphParticipant.class);
			case "sessions" -> this.quick.pageOf(GraphSession.class);
			case "pstn" -> this.quick.pageOf(GraphPstnCallRow.class);
			case "directRouting" -> this.quick.pageOf(GraphDirectRoutingRow.class);
			default -> throw new IllegalArgumentException(kind);
		};
	}

	private static Object read(GraphJson json, String body, JavaType type) {
		try {
			return json.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type);
		}
		catch (JacksonException ex) {
			return "failed: " + ex.getClass().getName() + ": " + ex.getOriginalMessage();
		}
	}

	/** The tree with a few random changes somewhere in it. */
	private static JsonNode vary(JsonNode tree, Random random) {
		List<JsonNode> containers = new ArrayList<>();
		collect(tree, containers);
		for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
			JsonNode container = containers.get(random.nextInt(containers.size()));
			if (container instanceof ObjectNode object && !object.isEmpty()) {
				List<String> names = new ArrayList<>(object.propertyNames());
				String name = names.get(random.nextInt(names.size()));
				switch (random.nextInt(4)) {
					case 0 -> object.remove(name);
					case 1 -> object.set(name, other(random));
					case 2 -> reorder(object, random);
					default -> object.set("unknown" + random.nextInt(3), other(random));
				}
			}
			else if (container instanceof ArrayNode array && !array.isEmpty()) {
				array.set(random.nextInt(array.size()), other(random));
			}
		}
		return tree;
	}

	private static void collect(JsonNode node, List<JsonNode> containers) {
		if (node.isContainer()) {
			containers.add(node);
			for (JsonNode child : node.values()) {
				collect(child, containers);
			}
		}
	}

	private static void reorder(ObjectNode object, Random random) {
		List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
		Collections.shuffle(members, random);
		object.removeAll();
		members.forEach((member) -> object.set(member.getKey(), member.getValue()));
	}

	/** A value of some type Graph might send where it should not. */
	private static JsonNode other(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.textNode("text");
			case 2 -> nodes.textNode("0.25");
			case 3 -> nodes.numberNode(7);
			case 4 -> nodes.numberNode(1.5);
			case 5 -> nodes.booleanNode(true);
			case 6 -> nodes.arrayNode().add(1).add("x");
			case 7 -> nodes.objectNode().put("id", "x").put("displayName", "X");
			default -> nodes.objectNode();
		};
	}

}
