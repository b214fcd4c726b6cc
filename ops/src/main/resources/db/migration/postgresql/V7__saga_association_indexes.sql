-- Axon's saga schema has no index on its association values, so every saga look-up (one per event the
-- payment saga handles) scanned a table holding a row per unfinished payment, and the core slowed down as
-- payments piled up. The same indexes as AxonStorageConfiguration creates on H2.

CREATE INDEX IF NOT EXISTS association_value_lookup ON associationvalueentry (sagatype, associationkey, associationvalue);
CREATE INDEX IF NOT EXISTS association_value_saga ON associationvalueentry (sagaid, sagatype);
