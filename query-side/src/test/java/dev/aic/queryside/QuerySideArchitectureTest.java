package dev.aic.queryside;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@AnalyzeClasses(packages = "dev.aic", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    /** Public, or mapped to a route whatever its visibility: Spring serves package-private handlers too. */
    private static final DescribedPredicate<JavaMethod> PUBLIC_OR_MAPPED = DescribedPredicate.describe(
            "are public or handle a route",
            method -> method.getModifiers().contains(JavaModifier.PUBLIC)
                    || method.isMetaAnnotatedWith(RequestMapping.class));

    @ArchTest
    static final ArchRule knowsOnlyThePublishedLanguage = noClasses()
            .that().resideInAPackage("dev.aic.queryside..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.aic.commandside..", "dev.aic.aiworker..");

    @ArchTest
    static final ArchRule neverDecides = noClasses()
            .that().resideInAPackage("dev.aic.queryside..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.modelling.command..",
                    "org.axonframework.commandhandling..");

    /** The security chain only demands a token; who may read what is declared on each endpoint. */
    @ArchTest
    static final ArchRule everyEndpointDeclaresWhoMayCallIt = methods()
            .that().areDeclaredInClassesThat().resideInAPackage("dev.aic.queryside..")
            .and().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .and(PUBLIC_OR_MAPPED)
            .should().beAnnotatedWith(PreAuthorize.class);

    /** web/ is the plumbing the features plug into; it names none of them, so none depends on another through it. */
    @ArchTest
    static final ArchRule webDependsOnNoFeature = noClasses()
            .that().resideInAPackage("dev.aic.queryside.web..")
            .should().dependOnClassesThat(resideInAPackage("dev.aic.queryside..")
                    .and(not(resideInAPackage("dev.aic.queryside.web.."))));

    /**
     * One error mapper: features describe their failures ({@code DescribedProblem}) instead of mapping them, and
     * only web/ may map the exceptions of frameworks.
     */
    @ArchTest
    static final ArchRule errorsAreMappedOnlyInWeb = noClasses()
            .that().resideInAPackage("dev.aic.queryside..").and().areAnnotatedWith(RestControllerAdvice.class)
            .should().resideOutsideOfPackage("dev.aic.queryside.web")
            .allowEmptyShould(true);
}
