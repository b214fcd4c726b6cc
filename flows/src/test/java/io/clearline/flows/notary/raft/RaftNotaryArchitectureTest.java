package io.clearline.flows.notary.raft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class RaftNotaryArchitectureTest {
    private static final JavaClasses FLOWS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.clearline.flows");

    @Test
    void onlyTheRaftNotaryPackageKnowsRatis() {
        noClasses().that().resideOutsideOfPackage("io.clearline.flows.notary.raft..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.ratis..")
                .check(FLOWS);
    }

    @Test
    void theRaftNotaryDependsOnTheLedgerFrameworkNotOnSettlement() {
        noClasses().that().resideInAPackage("io.clearline.flows.notary.raft..")
                .should().dependOnClassesThat().resideInAnyPackage("io.clearline.flows.settlement..",
                        "io.clearline.flows.runtime..", "io.clearline.core..")
                .check(FLOWS);
    }
}
