package org.allocation.adapters.persistence.hibernate;

import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.cfg.AvailableSettings;

/**
 * Builds Hibernate's session factory on the connection pool, from the XML mapping alone. Hibernate neither
 * creates nor checks the schema (Flyway owns it), and it does not connect while it boots: the dialect is
 * named, so a process can start while the database is briefly away.
 */
public final class HibernateSessions {

    static final String MAPPING = "org/allocation/adapters/persistence/hibernate/orm.xml";

    private HibernateSessions() {
    }

    public static SessionFactory build(DataSource dataSource) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, dataSource)
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                // Start-up time: the mapping is ours and tested, so it is not checked against Hibernate's
                // XML schemas at every start (seconds on two cores) ...
                .applySetting(AvailableSettings.VALIDATE_XML, false)
                // ... and no proxy classes are generated: the mapping has no lazy to-one association, the
                // only thing they are for.
                .addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl())
                // The pool hands out connections with auto-commit off (ConnectionPool).
                .applySetting(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                .build();
        try {
            return new MetadataSources(registry).addResource(MAPPING).buildMetadata().buildSessionFactory();
        } catch (RuntimeException failure) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw failure;
        }
    }
}
