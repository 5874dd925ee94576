package dev.aic.commandside;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@AnalyzeClasses(packages = "dev.aic", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule neverImportsTheQuerySide =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.commandside..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("dev.aic.queryside..", "dev.aic.aiworker..");

    /** The shared event-store machinery is wired in one package; no feature reaches into it. */
    @ArchTest
    static final ArchRule onlyTheEventStorePackageKnowsTheSharedMachinery =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.commandside..")
                    .and()
                    .resideOutsideOfPackage("dev.aic.commandside.eventstore..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.aic.eventstore..");

    @ArchTest
    static final ArchRule aggregatesAreFreeOfSpring =
            classes()
                    .that()
                    .areAnnotatedWith(Aggregate.class)
                    .should()
                    .onlyDependOnClassesThat()
                    .resideOutsideOfPackage("org.springframework..");

    /** Who may call an endpoint is written on the endpoint: none is left to a default. */
    @ArchTest
    static final ArchRule everyEndpointDeclaresWhoMayCallIt =
            methods()
                    .that()
                    .areDeclaredInClassesThat()
                    .areAnnotatedWith(RestController.class)
                    .and()
                    .areMetaAnnotatedWith(RequestMapping.class)
                    .should()
                    .beAnnotatedWith(PreAuthorize.class);

    /**
     * web/ is the plumbing the features plug into; it names none of them, so none depends on
     * another through it.
     */
    @ArchTest
    static final ArchRule webDependsOnNoFeature =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.commandside.web..")
                    .should()
                    .dependOnClassesThat(
                            resideInAPackage("dev.aic.commandside..")
                                    .and(not(resideInAPackage("dev.aic.commandside.web.."))));

    /**
     * One error mapper: features describe their failures ({@code DescribedProblem}) instead of
     * mapping them, and only web/ may map the exceptions of frameworks.
     */
    @ArchTest
    static final ArchRule errorsAreMappedOnlyInWeb =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.commandside..")
                    .and()
                    .areAnnotatedWith(RestControllerAdvice.class)
                    .should()
                    .resideOutsideOfPackage("dev.aic.commandside.web")
                    .allowEmptyShould(true);
}
