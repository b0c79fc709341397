package org.allocation.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.allocation.domain");

    @Test
    void domainDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("org.allocation.domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.allocation.domain..", "java.lang..", "java.util..", "java.time..",
                        "java.math..")
                .because("the domain is a plain library that anyone can embed")
                .check(DOMAIN);
    }

    @Test
    void domainUsesNeitherTheJdksLoggingNorItsPersistence() {
        noClasses().that().resideInAPackage("org.allocation.domain..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("java.util.logging..", "java.sql..", "javax..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .because("logging and storage belong to the layers around the domain")
                .check(DOMAIN);
    }
}
