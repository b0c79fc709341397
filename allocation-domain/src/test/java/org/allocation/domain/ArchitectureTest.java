package org.allocation.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

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
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.allocation.domain..", "java..")
                .because("the domain is a plain library that anyone can embed")
                .check(DOMAIN);
    }
}
