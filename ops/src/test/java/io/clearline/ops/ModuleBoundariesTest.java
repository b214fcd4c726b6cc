package io.clearline.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md ("Modules"), checked over every module at once: the node's
 * test classpath is the only place where all of them are present together.
 */
class ModuleBoundariesTest {
    private static JavaClasses clearline;

    @BeforeAll
    static void importEveryModule() {
        clearline = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clearline");
    }

    @Test
    void iso20022DependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.clearline.iso20022..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.flows..", "io.clearline.core..",
                        "io.clearline.adapters..", "io.clearline.ops..")
                .check(clearline);
    }

    @Test
    void settlementCoreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.clearline.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.iso20022..", "io.clearline.flows..",
                        "io.clearline.adapters..", "io.clearline.ops..")
                .check(clearline);
    }

    @Test
    void settlementCoreUsesNoCamelProwideHttpOrSpring() {
        noClasses().that().resideInAPackage("io.clearline.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "com.prowidesoftware..",
                        "jakarta.servlet..", "java.net.http..", "org.springframework..", "jakarta.persistence..")
                .check(clearline);
    }

    @Test
    void ledgerFrameworkDependsOnNothingOfOursAndNoFramework() {
        noClasses().that().resideInAPackage("io.clearline.flows.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.core..", "io.clearline.iso20022..",
                        "io.clearline.adapters..", "io.clearline.ops..", "org.springframework..",
                        "org.axonframework..")
                .check(clearline);
    }

    @Test
    void ledgerSettlementUsesOnlyTheCoresApi() {
        noClasses().that().resideInAPackage("io.clearline.flows..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "settlement-core classes outside an api package",
                        type -> type.getPackageName().startsWith("io.clearline.core")
                                && !type.getPackageName().matches("io\\.clearline\\.core(\\..+)?\\.api(\\..+)?")))
                .check(clearline);
        noClasses().that().resideInAPackage("io.clearline.flows..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.iso20022..", "io.clearline.adapters..",
                        "io.clearline.ops..", "org.springframework..", "org.axonframework..")
                .check(clearline);
    }

    @Test
    void bankAdaptersUseOnlyIso20022AndTheCoresApi() {
        noClasses().that().resideInAPackage("io.clearline.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.flows..", "io.clearline.ops..")
                .check(clearline);
        noClasses().that().resideInAPackage("io.clearline.adapters..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "settlement-core classes outside an api package",
                        type -> type.getPackageName().startsWith("io.clearline.core")
                                && !type.getPackageName().matches("io\\.clearline\\.core(\\..+)?\\.api(\\..+)?")))
                .check(clearline);
    }

    @Test
    void nothingButTheNodeDependsOnTheNode() {
        noClasses().that().resideOutsideOfPackage("io.clearline.ops..")
                .should().dependOnClassesThat().resideInAPackage("io.clearline.ops..")
                .check(clearline);
    }
}
