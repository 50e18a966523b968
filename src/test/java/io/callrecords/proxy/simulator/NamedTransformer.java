package io.callrecords.proxy.simulator;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * A WireMock response transformer that applies only to the stubs that name it.
 */
abstract class NamedTransformer implements ResponseDefinitionTransformerV2 {

	private final String name;

	NamedTransformer(String name) {
		this.name = name;
	}

	@Override
	public final String getName() {
		return this.name;
	}

	@Override
	public final boolean applyGlobally() {
		return false;
	}

}
