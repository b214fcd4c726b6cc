package io.clearline.flows.settlement;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A data source that fails once, on demand, when a statement starting with a given text is prepared:
 * the database connection breaking, or the process dying (an {@link Error}), at a chosen point of a flow.
 */
final class FaultyDataSource {
    private record Fault(String statementPrefix, Supplier<Throwable> failure) {
    }

    private final DataSource target;
    private final AtomicReference<Fault> armed = new AtomicReference<>();

    FaultyDataSource(DataSource target) {
        this.target = target;
    }

    /** The next statement prepared that starts with {@code statementPrefix} throws what {@code failure} makes. */
    void failNext(String statementPrefix, Supplier<Throwable> failure) {
        armed.set(new Fault(statementPrefix, failure));
    }

    DataSource dataSource() {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, (self, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                Fault fault = armed.get();
                if (fault != null && sql.startsWith(fault.statementPrefix()) && armed.compareAndSet(fault, null)) {
                    throw fault.failure().get();
                }
            }
            return invoke(connection, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    static SQLException nonTransient(String message) {
        return new java.sql.SQLSyntaxErrorException(message, "42000");
    }
}
