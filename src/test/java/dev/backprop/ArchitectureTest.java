package dev.backprop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;

/**
 * The layers: the engine is pure Java + ND4J (no Spring, no servlet, no JDBC, no other feature
 * package); failures are domain exceptions that carry no HTTP type, and only controllers and {@code
 * web} decide what goes over HTTP; no two packages depend on each other.
 */
@AnalyzeClasses(
    packages = "dev.backprop",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  static final String HTTP = "org.springframework.http..";

  /**
   * The security filter chain's configuration and its matcher of open endpoints: their rules match
   * on the request's method.
   */
  static final DescribedPredicate<HasName> SECURITY_RULES =
      name("dev.backprop.security.SecurityConfiguration")
          .or(name("dev.backprop.security.OpenEndpoints"));

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

  @ArchTest
  static final ArchRule domainExceptionsCarryNoFrameworkType =
      noClasses()
          .that()
          .resideInAPackage("dev.backprop.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "jakarta.servlet..");

  /**
   * Services, repositories and everything else say what went wrong in domain terms; a status, a
   * header or a media type is chosen only by a controller (a {@code @Controller} or
   * {@code @RestController}) or in {@code web}. The one exception is the security filter chain's
   * configuration and its open endpoints, whose rules match on {@code HttpMethod}; see the rule
   * below.
   */
  @ArchTest
  static final ArchRule httpTypesOnlyInControllersAndWeb =
      noClasses()
          .that(
              not(resideInAPackage("dev.backprop.web.."))
                  .and(not(metaAnnotatedWith(Controller.class)))
                  .and(not(SECURITY_RULES)))
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HTTP)
          .because("only controllers and dev.backprop.web decide what goes over HTTP");

  /** Spring Security's request matchers take the method as an HttpMethod: that, and no more. */
  @ArchTest
  static final ArchRule securityConfigurationUsesOnlyHttpMethod =
      noClasses()
          .that(SECURITY_RULES)
          .should()
          .dependOnClassesThat(
              resideInAPackage(HTTP).and(not(name("org.springframework.http.HttpMethod"))));

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.backprop.(*)..").should().beFreeOfCycles();
}
