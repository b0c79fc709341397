package org.allocation.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses SERVICE_LAYER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.allocation.service");

    @Test
    void serviceLayerDependsOnlyOnTheDomainSlf4jAndTheJdk() {
        classes().that().resideInAPackage("org.allocation.service..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.allocation.service..", "org.allocation.domain..", "org.slf4j..", "java..")
                .check(SERVICE_LAYER);
    }

    @Test
    void serviceLayerDoesNotImportTheAdapters() {
        noClasses().that().resideInAPackage("org.allocation.service..")
                .should().dependOnClassesThat().resideInAPackage("org.allocation.adapters..")
                .check(SERVICE_LAYER);
    }

    @Test
    void serviceLayerDoesNotImportTheProcesses() {
        noClasses().that().resideInAPackage("org.allocation.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.allocation.http..", "org.allocation.consumer..")
                .check(SERVICE_LAYER);
    }

    @Test
    void handlersNeverTouchTheInMemoryImplementations() {
        noClasses().that().resideInAPackage("org.allocation.service.handlers..")
                .should().dependOnClassesThat().resideInAPackage("org.allocation.service.inmemory..")
                .check(SERVICE_LAYER);
    }
}
