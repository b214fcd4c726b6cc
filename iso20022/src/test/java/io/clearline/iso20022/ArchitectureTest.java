package io.clearline.iso20022;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.clearline.iso20022");

  @Test
  void iso20022DependsOnNoOtherClearlineModuleAndNotOnSpring() {
    noClasses().that().resideInAPackage("io.clearline.iso20022..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.clearline.core..", "io.clearline.flows..", "io.clearline.adapters..",
            "io.clearline.ops..", "org.springframework..")
        .check(classes);
  }
}
