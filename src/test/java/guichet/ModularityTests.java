package guichet;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The packages are features, and their dependencies point one way (web → application → intake, dedup, note,
 * language, deadline; acknowledgement, digest and outbox after filing; settings and startup at the bottom): no cycle,
 * checked by Spring Modulith. Also writes the module diagram into docs/modules/.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(Guichet.class);

	@Test
	void everyDependencyBetweenFeaturesPointsOneWay() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
