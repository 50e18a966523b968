package io.callrecords.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.callrecords.proxy.web.ProblemException;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of {@code CONVENTIONS.md}: nothing outside {@code graph} reaches
 * {@code graph.internal}, the feature packages do not depend on each other in cycles,
 * {@code web} knows no feature, a feature's problems live with it, no library's internals
 * are used, and the classes of a package do not depend on each other in cycles.
 */
class ModularityTests {

	/**
	 * The service's own classes: not the tests', nor those Spring AOT generates beside
	 * them ({@code Foo__BeanDefinitions}, ...) when the jar is built with
	 * {@code -Pspring-aot}, which register every bean from one place by design.
	 */
	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.matches(Pattern.compile(".*/[^/]*__[^/]*\\.class")))
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

	@Test
	void theWebModuleKnowsNothingOfTheFeatures() {
		noClasses().that()
			.resideInAPackage("io.callrecords.proxy.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.callrecords.proxy.callrecords..", "io.callrecords.proxy.quality..")
			.check(classes);
	}

	@Test
	void theQualityClassifierKnowsOnlyGraphsPublicApi() {
		noClasses().that()
			.resideInAPackage("io.callrecords.proxy.quality..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.callrecords.proxy.callrecords..", "io.callrecords.proxy.web..")
			.check(classes);
	}

	@Test
	void problemsOfAFeatureAreThrownFromItsOwnPackage() {
		classes().that()
			.areAssignableTo(ProblemException.class)
			.and()
			.doNotBelongToAnyOf(ProblemException.class)
			.should()
			.resideOutsideOfPackage("io.callrecords.proxy.web..")
			.check(classes);
	}

	@Test
	void noLibraryInternalsAreUsed() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github..internal..", "org.springframework..internal..", "tools.jackson..internal..",
					"io.micrometer..internal..", "reactor..internal..", "io.netty..internal..")
			.check(classes);
	}

	@Test
	void classesOfAPackageDependOnEachOtherWithoutCycles() {
		Map<String, Set<String>> edges = new TreeMap<>();
		for (JavaClass type : classes) {
			String from = topLevel(type);
			edges.computeIfAbsent(from, (key) -> new TreeSet<>());
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				JavaClass target = dependency.getTargetClass();
				String to = topLevel(target);
				if (target.getPackageName().equals(type.getPackageName()) && !to.equals(from)
						&& to.startsWith("io.callrecords.proxy.")) {
					edges.get(from).add(to);
				}
			}
		}
		List<List<String>> cycles = new ArrayList<>();
		for (String start : edges.keySet()) {
			findCycle(start, start, edges, new ArrayList<>(List.of(start)), cycles);
		}
		assertThat(cycles).as("classes of one package that depend on each other in a cycle").isEmpty();
	}

	private static void findCycle(String start, String at, Map<String, Set<String>> edges, List<String> path,
			List<List<String>> cycles) {
		for (String next : edges.getOrDefault(at, Set.of())) {
			if (next.equals(start)) {
				// each cycle once: reported from its smallest class
				if (path.stream().allMatch((name) -> name.compareTo(start) >= 0)) {
					cycles.add(List.copyOf(path));
				}
			}
			else if (!path.contains(next) && next.compareTo(start) > 0) {
				path.add(next);
				findCycle(start, next, edges, path, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	private static String topLevel(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer.getName();
	}

}
