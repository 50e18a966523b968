package io.callrecords.proxy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries of {@code CONVENTIONS.md}: nothing outside {@code graph} reaches
 * {@code graph.internal}, and the feature packages do not depend on each other in cycles.
 */
class ModularityTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.callrecords.proxy");

	@Test
	void onlyTheGraphModuleUsesItsInternals() {
		noClasses().that()
			.resideOutsideOfPackage("io.callrecords.proxy.graph..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.callrecords.proxy.graph.internal..")
			.check(classes);
	}

	@Test
	void theGraphModuleKnowsNothingOfTheApi() {
		noClasses().that()
			.resideInAPackage("io.callrecords.proxy.graph..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.callrecords.proxy.callrecords..", "io.callrecords.proxy.web..")
			.check(classes);
	}

	@Test
	void modulesHaveNoCycles() {
		slices().matching("io.callrecords.proxy.(*)..").should().beFreeOfCycles().check(classes);
	}

}
