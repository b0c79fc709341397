package org.allocation.http;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class HttpArchitectureTest {

    private static final JavaClasses HTTP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.allocation.http");

    @Test
    void httpProcessDoesNotImportTheConsumer() {
        noClasses().that().resideInAPackage("org.allocation.http..")
                .should().dependOnClassesThat().resideInAPackage("org.allocation.consumer..")
                .because("the two processes are deployed apart")
                .check(HTTP);
    }

    @Test
    void onlyMainKnowsTheAdaptersButAllReadJsonWithTheSharedReader() {
        noClasses().that().resideInAPackage("org.allocation.http..")
                .and().doNotHaveFullyQualifiedName("org.allocation.http.Main")
                .should().dependOnClassesThat(resideInAPackage("org.allocation.adapters..")
                        .and(not(resideInAPackage("org.allocation.adapters.json.."))))
                .because("the API takes its ports through its constructor, so it can run over the in-memory service;"
                        + " the strict JSON reader is no port but the one shared with the Redis consumer")
                .check(HTTP);
    }
}
