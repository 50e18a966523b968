package io.callrecords.proxy.callrecords;

import java.util.List;

import io.callrecords.proxy.web.InvalidParameter;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphIds;
import org.jspecify.annotations.Nullable;

/**
 * The checks of the API's parameters that several endpoints share, each written once:
 * call record ids and page sizes. Each adds what is wrong to the request's errors, so
 * that a caller learns every mistake at once.
 */
final class ApiParameters {

	private ApiParameters() {
	}

	static void recordId(String id, List<InvalidParameter> errors) {
		if (!GraphIds.isGuid(id)) {
			errors.add(new InvalidParameter("id", "id must be a call record id (a GUID)."));
		}
	}

	static void pageSize(@Nullable Integer pageSize, GraphCollection collection, List<InvalidParameter> errors) {
		if (!collection.accepts(pageSize)) {
			errors.add(new InvalidParameter("pageSize", "pageSize must be 1 to " + collection.maxPageSize() + "."));
		}
	}

	static void check(List<InvalidParameter> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

}
