package io.clearline.flows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final JavaClasses FLOWS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.clearline.flows");

    @Test
    void theLedgerFrameworkDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.clearline.flows.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.core..", "io.clearline.flows.settlement..",
                        "org.springframework..", "org.axonframework..")
                .check(FLOWS);
    }

    @Test
    void theFlowRuntimeDependsOnTheLedgerFrameworkOnly() {
        noClasses().that().resideInAPackage("io.clearline.flows.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.core..", "io.clearline.flows.settlement..",
                        "org.springframework..", "org.axonframework..")
                .check(FLOWS);
    }

    @Test
    void theTransportDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.clearline.flows.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.core..", "io.clearline.flows.settlement..",
                        "io.clearline.flows.runtime..", "io.clearline.flows.ledger..", "org.springframework..",
                        "org.axonframework..")
                .check(FLOWS);
    }

    @Test
    void settlementUsesTheCoreOnlyThroughItsApiPackages() {
        noClasses().that().resideInAPackage("io.clearline.flows.settlement..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.clearline.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.clearline.core..api..")))
                .check(FLOWS);
    }

    @Test
    void nothingInFlowsDependsOnSpringOrAxon() {
        noClasses().that().resideInAPackage("io.clearline.flows..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..")
                .check(FLOWS);
    }
}
