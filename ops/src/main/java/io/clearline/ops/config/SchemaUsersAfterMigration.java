package io.clearline.ops.config;

import io.clearline.flows.settlement.ClearlineLedger;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * The beans that read or write the node's tables as soon as they exist, made to wait for the database's
 * initialisation (Flyway's migrations on the {@code postgres} profile): the ledger creates its tables and
 * identities when it opens, and Axon's storage is used by the processors and by the schema check at start.
 * Spring Boot already orders its own JDBC templates this way, and with them the bank adapters' stores.
 * Without an initialiser (Flyway off, as on H2) this orders nothing. Registered in
 * {@code META-INF/spring.factories}.
 */
public class SchemaUsersAfterMigration implements DependsOnDatabaseInitializationDetector {
    private static final List<Class<?>> SCHEMA_USERS = List.of(ClearlineLedger.class,
            // The networked transport's node reads the ledger's identities (the network root's key, hosted parties).
            ClearlineLedger.Node.class, EventStorageEngine.class,
            TokenStore.class, SagaStore.class);

    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
        // Not eager: a factory bean is not created just to learn what it makes.
        return SCHEMA_USERS.stream()
                .flatMap(type -> Arrays.stream(beanFactory.getBeanNamesForType(type, true, false)))
                .collect(Collectors.toSet());
    }
}
