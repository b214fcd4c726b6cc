package io.clearline.flows.network;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class NetworkArchitectureTest {
    private static final JavaClasses FLOWS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.clearline.flows");

    /** Settlement consults the membership list, never the reverse: the list is network framework. */
    @Test
    void theMembershipListDependsOnTheLedgerFrameworkOnly() {
        noClasses().that().resideInAPackage("io.clearline.flows.network..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.flows.settlement..",
                        "io.clearline.flows.runtime..", "io.clearline.flows.notary..", "io.clearline.core..")
                .check(FLOWS);
    }
}
