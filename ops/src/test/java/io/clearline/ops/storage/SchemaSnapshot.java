package io.clearline.ops.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A database's schema in the {@code public} schema as sorted lines of text, one per table, column (type,
 * length, nullability, default, identity), constraint (primary key, unique, foreign key, check: by
 * definition, as their names are generated), index (by definition), sequence, trigger and function. Two
 * schemas are the same when their lines are; the lines that differ say how.
 */
final class SchemaSnapshot {
    private static final String[] QUERIES = {
        "SELECT 'table ' || table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type"
                + " || coalesce('(' || character_maximum_length || ')', '')"
                + " || CASE is_nullable WHEN 'NO' THEN ' not null' ELSE '' END"
                + " || coalesce(' default ' || column_default, '')"
                + " || CASE is_identity WHEN 'YES' THEN ' identity ' || identity_generation ELSE '' END"
                + " FROM information_schema.columns WHERE table_schema = 'public'",
        "SELECT 'constraint ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
        "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "SELECT 'sequence ' || sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'",
        "SELECT 'trigger ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation || ' ON '"
                + " || event_object_table || ' ' || action_orientation || ' ' || action_statement"
                + " FROM information_schema.triggers WHERE trigger_schema = 'public'",
        "SELECT 'function ' || p.proname || '(' || pg_get_function_arguments(p.oid) || ')'"
                + " FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace",
    };

    private SchemaSnapshot() {
    }

    /** The lines of every object in {@code public}, leaving out the tables named in {@code tablesLeftOut}. */
    static SortedSet<String> of(DataSource dataSource, Set<String> tablesLeftOut) throws SQLException {
        SortedSet<String> lines = new TreeSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        String line = rows.getString(1);
                        if (tablesLeftOut.stream().noneMatch(line::contains)) {
                            lines.add(line);
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** The lines of {@code left} that {@code right} does not have. */
    static SortedSet<String> minus(SortedSet<String> left, SortedSet<String> right) {
        SortedSet<String> difference = new TreeSet<>(left);
        difference.removeAll(right);
        return difference;
    }
}
