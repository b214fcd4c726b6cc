package io.clearline.flows.settlement;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A data source that fails once, on demand, when a statement starting with a given text is prepared (or
 * right after the database transaction that prepared it commits): the database connection breaking, or
 * the process dying (an {@link Error}), at a chosen point of a flow.
 */
final class FaultyDataSource {
    /** {@code earlierPrefix}: fails only once a statement starting with it was prepared (null: at once). */
    private record Fault(String statementPrefix, Supplier<Throwable> failure, String earlierPrefix, boolean afterCommit) {
    }

    private final DataSource target;
    private final AtomicReference<Fault> armed = new AtomicReference<>();
    private final AtomicBoolean earlierSeen = new AtomicBoolean();

    FaultyDataSource(DataSource target) {
        this.target = target;
    }

    /** The next statement prepared that starts with {@code statementPrefix} throws what {@code failure} makes. */
    void failNext(String statementPrefix, Supplier<Throwable> failure) {
        arm(new Fault(statementPrefix, failure, null, false));
    }

    /** As {@link #failNext}, for the first such statement prepared after one starting with {@code earlierPrefix}. */
    void failNextAfter(String earlierPrefix, String statementPrefix, Supplier<Throwable> failure) {
        arm(new Fault(statementPrefix, failure, earlierPrefix, false));
    }

    /**
     * The next database transaction that prepares a statement starting with {@code statementPrefix}
     * commits, and then its commit throws what {@code failure} makes: a process that died just after
     * its write reached the database.
     */
    void failAfterCommit(String statementPrefix, Supplier<Throwable> failure) {
        arm(new Fault(statementPrefix, failure, null, true));
    }

    private void arm(Fault fault) {
        earlierSeen.set(false);
        armed.set(fault);
    }

    DataSource dataSource() {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    private Connection connection(Connection connection) {
        AtomicReference<Fault> failsAfterCommit = new AtomicReference<>();
        return proxy(Connection.class, (self, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                Fault fault = armed.get();
                if (fault != null && fault.earlierPrefix() != null && sql.startsWith(fault.earlierPrefix())) {
                    earlierSeen.set(true);
                } else if (fault != null && sql.startsWith(fault.statementPrefix())
                        && (fault.earlierPrefix() == null || earlierSeen.get())) {
                    if (fault.afterCommit()) {
                        failsAfterCommit.set(fault);
                    } else if (armed.compareAndSet(fault, null)) {
                        throw fault.failure().get();
                    }
                }
            }
            Object result = invoke(connection, method, args);
            if (method.getName().equals("commit")) {
                Fault fault = failsAfterCommit.getAndSet(null);
                if (fault != null && armed.compareAndSet(fault, null)) {
                    throw fault.failure().get();
                }
            }
            return result;
        });
    }

    static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    static SQLException nonTransient(String message) {
        return new java.sql.SQLSyntaxErrorException(message, "42000");
    }
}
