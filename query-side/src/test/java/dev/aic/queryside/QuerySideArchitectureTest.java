package dev.aic.queryside;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.aic.eventstore.TokenTable;
import dev.aic.queryside.consistency.ReadModel;
import dev.aic.queryside.eventstore.ProcessorTokens;
import dev.aic.queryside.rebuild.RebuildableProjection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@AnalyzeClasses(packages = "dev.aic", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    /**
     * Public, or mapped to a route whatever its visibility: Spring serves package-private handlers
     * too.
     */
    private static final DescribedPredicate<JavaMethod> PUBLIC_OR_MAPPED =
            DescribedPredicate.describe(
                    "are public or handle a route",
                    method ->
                            method.getModifiers().contains(JavaModifier.PUBLIC)
                                    || method.isMetaAnnotatedWith(RequestMapping.class));

    /**
     * The packages of the domain's read models; everything else in the module is machinery they
     * plug into.
     */
    private static final String[] FEATURES = {
        "dev.aic.queryside.agenda..",
        "dev.aic.queryside.communityevent..",
        "dev.aic.queryside.document..",
        "dev.aic.queryside.knowledge..",
        "dev.aic.queryside.user.."
    };

    private static final String[] PROJECTION_INFRASTRUCTURE = {
        "dev.aic.queryside.consistency..",
        "dev.aic.queryside.eventstore..",
        "dev.aic.queryside.projection..",
        "dev.aic.queryside.rebuild..",
        "dev.aic.queryside.reconciliation.."
    };

    /**
     * Storage engine, token store and token table are the machinery's business, never a read
     * model's.
     */
    @ArchTest
    static final ArchRule featuresNeverTouchTheEventStoreMachinery =
            noClasses()
                    .that()
                    .resideInAnyPackage(FEATURES)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.aic.eventstore..",
                            "org.axonframework.eventsourcing..",
                            "org.axonframework.eventhandling.tokenstore..");

    /**
     * A read model declares what it is (a consistency read model, a rebuildable projection) and may
     * start its processor afresh; status, dead letters, rebuilds and reconciliation find it without
     * it knowing them.
     */
    @ArchTest
    static final ArchRule featuresPlugIntoTheProjectionInfrastructureOnlyThroughItsHooks =
            noClasses()
                    .that()
                    .resideInAnyPackage(FEATURES)
                    .should()
                    .dependOnClassesThat(
                            resideInAnyPackage(PROJECTION_INFRASTRUCTURE)
                                    .and(
                                            DescribedPredicate.not(
                                                    belongToAnyOf(
                                                            ReadModel.class,
                                                            RebuildableProjection.class,
                                                            ProcessorTokens.class))));

    @ArchTest
    static final ArchRule onlyTheProjectionInfrastructureReadsTheTokenTable =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.queryside..")
                    .and()
                    .resideOutsideOfPackages(PROJECTION_INFRASTRUCTURE)
                    .should()
                    .dependOnClassesThat()
                    .belongToAnyOf(TokenTable.class);

    @ArchTest
    static final ArchRule knowsOnlyThePublishedLanguage =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.queryside..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("dev.aic.commandside..", "dev.aic.aiworker..");

    /**
     * Uploads are the command-side's to write and delete: this service holds only the reading half
     * of the store.
     */
    @ArchTest
    static final ArchRule onlyReadsTheContentStore =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.queryside..")
                    .should()
                    .dependOnClassesThat()
                    .areAssignableTo(dev.aic.content.ContentStore.class);

    @ArchTest
    static final ArchRule neverDecides =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.queryside..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.axonframework.modelling.command..",
                            "org.axonframework.commandhandling..");

    /** The security chain only demands a token; who may read what is declared on each endpoint. */
    @ArchTest
    static final ArchRule everyEndpointDeclaresWhoMayCallIt =
            methods()
                    .that()
                    .areDeclaredInClassesThat()
                    .resideInAPackage("dev.aic.queryside..")
                    .and()
                    .areDeclaredInClassesThat()
                    .areAnnotatedWith(RestController.class)
                    .and(PUBLIC_OR_MAPPED)
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
                    .resideInAPackage("dev.aic.queryside.web..")
                    .should()
                    .dependOnClassesThat(
                            resideInAPackage("dev.aic.queryside..")
                                    .and(not(resideInAPackage("dev.aic.queryside.web.."))));

    /**
     * One error mapper: features describe their failures ({@code DescribedProblem}) instead of
     * mapping them, and only web/ may map the exceptions of frameworks.
     */
    @ArchTest
    static final ArchRule errorsAreMappedOnlyInWeb =
            noClasses()
                    .that()
                    .resideInAPackage("dev.aic.queryside..")
                    .and()
                    .areAnnotatedWith(RestControllerAdvice.class)
                    .should()
                    .resideOutsideOfPackage("dev.aic.queryside.web")
                    .allowEmptyShould(true);
}
