package dev.backprop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is pure Java + ND4J: no Spring, no servlet, no JDBC, no other feature package. */
@AnalyzeClasses(
    packages = "dev.backprop",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule engineHasNoFrameworkDependencies =
      noClasses()
          .that()
          .resideInAPackage("dev.backprop.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", "jakarta.servlet..", "java.sql..", "javax.sql..");

  @ArchTest
  static final ArchRule engineDependsOnNoOtherBackpropPackage =
      noClasses()
          .that()
          .resideInAPackage("dev.backprop.engine..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.backprop..")
                  .and(not(resideInAPackage("dev.backprop.engine.."))));
}
