-- Axon's tables as the node created them in code before Flyway (Axon's PostgreSQL table factories and saga
-- schema), so that a database made that way and one made here are the same. Every statement is
-- IF NOT EXISTS: such a database is baselined at version 0 and these migrations then run on it, filling in
-- whatever the version that created it had not made yet (see application-postgres.properties).
-- Names are unquoted, so PostgreSQL folds them to lower case, as Axon's own unquoted SQL does.

CREATE TABLE IF NOT EXISTS domainevententry (
    globalindex BIGSERIAL NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventidentifier VARCHAR(255) NOT NULL,
    metadata BYTEA,
    payload BYTEA NOT NULL,
    payloadrevision VARCHAR(255),
    payloadtype VARCHAR(255) NOT NULL,
    "timestamp" VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier));

CREATE TABLE IF NOT EXISTS snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventidentifier VARCHAR(255) NOT NULL,
    metadata BYTEA,
    payload BYTEA NOT NULL,
    payloadrevision VARCHAR(255),
    payloadtype VARCHAR(255) NOT NULL,
    "timestamp" VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier));

CREATE TABLE IF NOT EXISTS tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token BYTEA,
    tokentype VARCHAR(255),
    "timestamp" VARCHAR(255),
    owner VARCHAR(255),
    PRIMARY KEY (processorname, segment));

CREATE TABLE IF NOT EXISTS sagaentry (
    sagaid VARCHAR(255) NOT NULL,
    revision VARCHAR(255),
    sagatype VARCHAR(255),
    serializedsaga BYTEA,
    PRIMARY KEY (sagaid));

CREATE TABLE IF NOT EXISTS associationvalueentry (
    id BIGSERIAL NOT NULL,
    associationkey VARCHAR(255),
    associationvalue VARCHAR(255),
    sagaid VARCHAR(255),
    sagatype VARCHAR(255),
    PRIMARY KEY (id));
