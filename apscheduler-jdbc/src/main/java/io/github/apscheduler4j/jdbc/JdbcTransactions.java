package io.github.apscheduler4j.jdbc;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each of the store's writes in a transaction of its own, or in the caller's when there is one, so that a pool
 * whose connections have auto-commit off (as JPA set-ups hand them out) commits them too. Failures surface as
 * Spring's {@code DataAccessException}s, as every other database error of the store does.
 */
final class JdbcTransactions {

    /** What runs in the transaction; it may mark it rollback-only. */
    @FunctionalInterface
    interface Work<T> {
        T run(TransactionStatus status);
    }

    private final TransactionTemplate template;

    JdbcTransactions(DataSource dataSource) {
        this.template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    <T> T run(Work<T> work) {
        return translated(() -> template.execute(work::run));
    }

    int update(Supplier<Integer> statement) {
        Integer written = run(status -> statement.get());
        return written == null ? 0 : written;
    }

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (TransactionException e) {
            // a connection that could not be had, a commit that failed: the database's trouble, like any other
            throw new DataAccessResourceFailureException(e.getMessage(), e);
        }
    }
}
