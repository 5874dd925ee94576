package dev.aic.eventstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
        packages = "dev.aic.eventstore",
        importOptions = ImportOption.DoNotIncludeTests.class)
class EventStoreArchitectureTest {

    /** The machinery serves the services and knows none of them, nor any feature. */
    @ArchTest
    static final ArchRule knowsNoService =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.eventstore..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.aic.commandside..", "dev.aic.queryside..", "dev.aic.aiworker..");

    /**
     * It reads and stores events and tokens; deciding (aggregates, command handling) is a service's
     * business.
     */
    @ArchTest
    static final ArchRule decidesNothing =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.eventstore..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.axonframework.modelling.command..",
                            "org.axonframework.commandhandling..",
                            "org.springframework.web..");
}
