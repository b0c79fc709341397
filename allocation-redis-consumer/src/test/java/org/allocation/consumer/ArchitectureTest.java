package org.allocation.consumer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CONSUMER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.allocation.consumer");

    @Test
    void consumerDoesNotImportTheHttpProcess() {
        noClasses().that().resideInAPackage("org.allocation.consumer..")
                .should().dependOnClassesThat().resideInAPackage("org.allocation.http..")
                .because("the two processes are deployed apart")
                .check(CONSUMER);
    }

    @Test
    void onlyMainKnowsTheWholeSystem() {
        noClasses().that().resideInAPackage("org.allocation.consumer..").and().doNotHaveSimpleName("Main")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.allocation.adapters.AllocationSystem")
                .because("the consumer is built from ports, so that it can be tested without a database")
                .check(CONSUMER);
    }
}
