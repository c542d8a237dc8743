package com.mspanalytics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.sync.SyncSource;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The features (the packages under {@code com.mspanalytics}) form no cycle; the commands are a leaf that nothing
 * depends on; the simulated world is used by the commands only; only the outbound package makes HTTP clients (so
 * every call out passes its address policy); and what a feature plugs into the framework (its endpoints, KPIs and
 * sync sources) is package-private, with only the KPIs' result records public in the calculators.
 */
class ModuleBoundariesTests {

    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.mspanalytics");

    @Test
    void featuresFormNoCycle() {
        slices().matching("com.mspanalytics.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void nothingDependsOnTheCommandsOrTheApplicationClass() {
        noClasses().that().resideOutsideOfPackage("com.mspanalytics.cli..")
                .and().doNotHaveFullyQualifiedName("com.mspanalytics.MspAnalyticsApplication")
                .should().dependOnClassesThat().resideInAPackage("com.mspanalytics.cli..")
                .check(PRODUCT);
        noClasses().that().doNotHaveFullyQualifiedName("com.mspanalytics.MspAnalyticsApplication")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.mspanalytics.MspAnalyticsApplication")
                .check(PRODUCT);
    }

    @Test
    void onlyTheCommandsUseTheSimulatedWorld() {
        noClasses().that().resideOutsideOfPackages("com.mspanalytics.simulator..", "com.mspanalytics.cli..")
                .should().dependOnClassesThat().resideInAPackage("com.mspanalytics.simulator..")
                .check(PRODUCT);
    }

    @Test
    void onlyTheOutboundPackageMakesHttpClients() {
        noClasses().that().resideOutsideOfPackages("com.mspanalytics.outbound..", "com.mspanalytics.simulator..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.hc.client5.http.impl..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .check(PRODUCT);
    }

    @Test
    void endpointsKpisAndSyncSourcesAreInternalToTheirFeature() {
        classes().that().areAnnotatedWith(RestController.class).or().implement(Kpi.class)
                .or().implement(SyncSource.class)
                .should().notBePublic().check(PRODUCT);
        classes().that().resideInAPackage("com.mspanalytics.kpi.calculators").and().arePublic()
                .and().areTopLevelClasses()
                .should().implement(KpiBody.class).orShould().beRecords().check(PRODUCT);
    }
}
