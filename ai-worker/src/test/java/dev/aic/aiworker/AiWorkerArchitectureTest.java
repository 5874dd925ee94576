package dev.aic.aiworker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ai-worker talks to the rest of the platform only through Kafka and the published language.
 */
@AnalyzeClasses(packages = "dev.aic", importOptions = ImportOption.DoNotIncludeTests.class)
class AiWorkerArchitectureTest {

    @ArchTest
    static final ArchRule neverTouchesAggregatesOrReadModels =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.aiworker..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.aic.commandside..", "dev.aic.queryside..", "org.axonframework..");

    @ArchTest
    static final ArchRule extractionKnowsNothingOfChunksOrModels =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.aiworker.extraction..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.aic.aiworker.chunking..", "dev.aic.aiworker.embedding..");

    @ArchTest
    static final ArchRule onlyTheExtractionPackageUsesTika =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.aic.aiworker.extraction..")
                    .and()
                    .resideInAPackage("dev.aic.aiworker..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.apache.tika..");

    @ArchTest
    static final ArchRule onlyTheAgendaPackageUsesTheSolver =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.aic.aiworker.agenda..")
                    .and()
                    .resideInAPackage("dev.aic.aiworker..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("ai.timefold..");
}
