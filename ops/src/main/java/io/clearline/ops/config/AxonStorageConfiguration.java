package io.clearline.ops.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon without Axon Server: the event store, tokens and sagas in the node's own database through
 * JDBC, everything serialized as JSON by Jackson. Hibernate is not involved, so there is no
 * sequence allocation to get wrong for the global index. On H2 an identity column gives it; on
 * PostgreSQL (Flyway's migration V4) each event is numbered at its transaction's commit from a counter
 * row, so that the index has no gaps and is handed out in commit order, at the price of one commit of
 * events at a time.
 */
@Configuration
public class AxonStorageConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AxonStorageConfiguration.class);

    /**
     * Events, commands, queries and saga state: fields are read directly so sagas need no getters, and
     * {@code isX()} methods are not properties (otherwise {@code Money.isZero()} would be written as a
     * field that cannot be read back). Settlement-core's JacksonRoundTripTest pins this configuration.
     */
    static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    }

    static Serializer jacksonSerializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jacksonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jacksonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jacksonSerializer();
    }

    /**
     * The saga store with column types for the database at hand: Axon's generic schema declares BLOBs,
     * which PostgreSQL does not have.
     */
    @Bean
    JdbcSagaStore sagaStore(ConnectionProvider connections, Serializer serializer, DataSource dataSource) {
        return JdbcSagaStore.builder()
                .connectionProvider(connections)
                .sqlSchema(isPostgres(dataSource) ? new PostgresSagaSqlSchema() : new GenericSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    /**
     * Creates Axon's tables on first start, before any processor or command touches them (singletons
     * are initialised before Spring starts the lifecycle that starts the processors). On PostgreSQL
     * Flyway has created them already and this finds them: nothing is created.
     */
    @Bean
    SmartInitializingSingleton axonSchema(EventStorageEngine eventStorageEngine, TokenStore tokenStore,
                                          JdbcSagaStore sagaStore, DataSource dataSource) {
        boolean postgres = isPostgres(dataSource);
        return () -> {
            if (eventStorageEngine instanceof JdbcEventStorageEngine jdbcEngine) {
                jdbcEngine.createSchema(postgres ? PostgresEventTableFactory.INSTANCE : H2EventTableFactory.INSTANCE);
            }
            if (tokenStore instanceof JdbcTokenStore jdbcTokens) {
                jdbcTokens.createSchema(postgres ? PostgresTokenTableFactory.INSTANCE : GenericTokenTableFactory.INSTANCE);
            }
            if (!tableExists(dataSource, "SAGAENTRY")) {
                try {
                    sagaStore.createSchema();
                } catch (SQLException failed) {
                    throw new IllegalStateException("cannot create the saga tables", failed);
                }
            }
            createSagaAssociationIndexes(dataSource);
            if (!postgres) {
                H2BinaryColumns.convert(dataSource).forEach(column ->
                        log.info("Axon column {} is now VARBINARY instead of BLOB", column));
            }
        };
    }

    /**
     * Axon's saga schema has no index on its association values, so every saga look-up (one per event the
     * payment saga handles) scanned a table holding a row per unfinished payment: the core slowed down as
     * payments piled up. Flyway's V7 creates the same indexes on PostgreSQL.
     */
    static final List<String> SAGA_ASSOCIATION_INDEXES = List.of(
            "CREATE INDEX IF NOT EXISTS association_value_lookup"
                    + " ON AssociationValueEntry (sagaType, associationKey, associationValue)",
            "CREATE INDEX IF NOT EXISTS association_value_saga ON AssociationValueEntry (sagaId, sagaType)");

    private static void createSagaAssociationIndexes(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String index : SAGA_ASSOCIATION_INDEXES) {
                statement.execute(index);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot index the saga association values", failed);
        }
    }

    static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException unreachable) {
            throw new IllegalStateException("cannot reach the node's database", unreachable);
        }
    }

    private static boolean tableExists(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (tables.next()) {
                if (table.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException unreadable) {
            throw new IllegalStateException("cannot read the database's tables", unreadable);
        }
    }
}
