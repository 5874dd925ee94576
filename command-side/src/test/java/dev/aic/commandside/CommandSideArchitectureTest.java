package dev.aic.commandside;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "dev.aic", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule neverImportsTheQuerySide = noClasses()
            .that().resideInAPackage("dev.aic.commandside..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.aic.queryside..", "dev.aic.aiworker..");

    @ArchTest
    static final ArchRule aggregatesAreFreeOfSpring = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.springframework..");
}
