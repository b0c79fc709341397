package org.allocation.adapters;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Which of the adapters' packages may use which (allocation-adapters/README.md, "Packages"). */
class AdaptersArchitectureTest {

    private static final String ADAPTERS = "org.allocation.adapters";
    private static final String PERSISTENCE = ADAPTERS + ".persistence";
    private static final String SQL = PERSISTENCE + ".sql..";
    private static final String HIBERNATE = PERSISTENCE + ".hibernate..";
    private static final String DELIVERY_TABLES = PERSISTENCE + ".delivery..";
    private static final String MIGRATIONS = PERSISTENCE + ".migrations..";
    private static final String DELIVERY = ADAPTERS + ".delivery..";
    private static final String REDIS = ADAPTERS + ".redis..";
    private static final String HEALTH = ADAPTERS + ".health..";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ADAPTERS);

    @Test
    void theSqlAdapterDoesNotUseHibernate() {
        noClasses().that().resideInAPackage(SQL)
                .should().dependOnClassesThat().resideInAnyPackage(HIBERNATE, "org.hibernate..", "jakarta.persistence..")
                .because("the plain-SQL unit of work is the default, and must not need an ORM to start")
                .check(PRODUCTION);
    }

    @Test
    void theHibernateAdapterDoesNotUseTheSqlAdapter() {
        noClasses().that().resideInAPackage(HIBERNATE)
                .should().dependOnClassesThat().resideInAPackage(SQL)
                .because("either adapter can be removed without touching the other; what both need is in persistence")
                .check(PRODUCTION);
    }

    @Test
    void whatBothAdaptersShareDependsOnNeither() {
        noClasses().that().resideInAPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage(SQL, HIBERNATE, DELIVERY_TABLES, MIGRATIONS)
                .because("the shared package is what the sub-packages build on, never the other way round")
                .check(PRODUCTION);
    }

    @Test
    void theDeliveryTablesAndMigrationsDoNotUseEitherAdapter() {
        noClasses().that().resideInAnyPackage(DELIVERY_TABLES, MIGRATIONS)
                .should().dependOnClassesThat().resideInAnyPackage(SQL, HIBERNATE)
                .because("both adapters write the same delivery rows and run on the same schema")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheCompositionRootChoosesAStorageAdapter() {
        classes().that().resideInAPackage(SQL)
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(SQL, ADAPTERS)
                .check(PRODUCTION);
        classes().that().resideInAPackage(HIBERNATE)
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(HIBERNATE, ADAPTERS)
                .check(PRODUCTION);
    }

    @Test
    void persistenceDoesNotUseRedis() {
        noClasses().that().resideInAPackage(PERSISTENCE + "..")
                .should().dependOnClassesThat().resideInAnyPackage(REDIS, "io.lettuce..")
                .because("the outbox stores an event for the relay to send; the broker is the relay's business")
                .check(PRODUCTION);
    }

    @Test
    void storageDoesNotReadTheLogContext() {
        noClasses().that().resideInAPackage(PERSISTENCE + "..")
                .should().dependOnClassesThat().resideInAPackage(ADAPTERS + ".logging..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.slf4j.MDC")
                .because("the correlation id reaches the outbox as data (MessageBus.handle(command, correlationId),"
                        + " UnitOfWork.correlatesWith); the log context is for log lines")
                .check(PRODUCTION);
    }

    @Test
    void deliveryKnowsNeitherItsStorageNorItsBroker() {
        noClasses().that().resideInAPackage(DELIVERY)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE + "..", REDIS, "io.lettuce..")
                .because("delivery states its ports (OutboxStore, OutboundDelivery, PendingReallocations);"
                        + " persistence.delivery and redis implement them")
                .check(PRODUCTION);
    }

    @Test
    void redisDoesNotUsePersistence() {
        noClasses().that().resideInAPackage(REDIS)
                .should().dependOnClassesThat().resideInAPackage(PERSISTENCE + "..")
                .check(PRODUCTION);
    }

    @Test
    void noAdapterUsesTheServiceLayersHandlers() {
        noClasses().that().resideInAPackage(ADAPTERS + "..")
                .should().dependOnClassesThat().resideInAPackage("org.allocation.service.handlers..")
                .because("handlers are reached through the bus that Bootstrap builds; a name both sides need,"
                        + " such as a channel, is in Bootstrap's table of outgoing events (ports.OutgoingEvents)")
                .check(PRODUCTION);
    }

    @Test
    void theHealthChecksAskTheServersThemselves() {
        noClasses().that().resideInAPackage(HEALTH)
                .should().dependOnClassesThat(resideInAPackage(ADAPTERS + "..").and(resideOutsideOfPackage(HEALTH)))
                .because("health asks the servers directly, on the connections it is handed, so that an adapter's"
                        + " own retries or caches cannot make a server look up")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheCompositionRootUsesTheCompositionRoot() {
        noClasses().that().resideInAPackage(ADAPTERS + ".*..")
                .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
                .because("org.allocation.adapters itself is the composition root (AllocationSystem, its resources,"
                        + " its background jobs): it uses every adapter package, and none of them uses it")
                .check(PRODUCTION);
    }

    @Test
    void theAdaptersPackagesHaveNoCycles() {
        slices().matching(ADAPTERS + ".(**)").should().beFreeOfCycles().check(PRODUCTION);
    }
}
