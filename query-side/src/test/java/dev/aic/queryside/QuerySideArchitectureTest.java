package dev.aic.queryside;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.aic", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule knowsOnlyThePublishedLanguage = noClasses()
            .that().resideInAPackage("dev.aic.queryside..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.aic.commandside..", "dev.aic.aiworker..");

    @ArchTest
    static final ArchRule neverDecides = noClasses()
            .that().resideInAPackage("dev.aic.queryside..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.modelling.command..",
                    "org.axonframework.commandhandling..");
}
