package io.clearline.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.clearline.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theCoreUsesNoSpringCamelProwideJpaOrServlets = noClasses()
            .that().resideInAPackage("io.clearline.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.camel..", "com.prowidesoftware..",
                    "jakarta.persistence..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule theCoreDependsOnNoOtherClearlineModule = noClasses()
            .that().resideInAPackage("io.clearline.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.clearline.flows..", "io.clearline.adapters..", "io.clearline.iso20022..", "io.clearline.ops..");
}
