package dev.aic.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The published language depends on the JDK, Jackson annotations and Axon's {@code @Revision} only;
 * its upcasters also read Jackson's JSON tree, the form Axon hands them the stored payloads in.
 */
@AnalyzeClasses(
        packages = "dev.aic.contracts",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ContractsArchitectureTest {

    @ArchTest
    static final ArchRule contractsDependOnAlmostNothing =
            classes()
                    .that()
                    .haveSimpleNameNotEndingWith("Upcaster")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.aic.contracts..",
                            "java..",
                            "com.fasterxml.jackson.annotation..",
                            "org.axonframework.serialization..");

    @ArchTest
    static final ArchRule upcastersReadJsonTrees =
            classes()
                    .that()
                    .haveSimpleNameEndingWith("Upcaster")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.aic.contracts..",
                            "java..",
                            "com.fasterxml.jackson.databind..",
                            "org.axonframework.serialization..");
}
