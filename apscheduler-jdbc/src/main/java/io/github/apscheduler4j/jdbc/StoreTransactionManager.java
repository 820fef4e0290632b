package io.github.apscheduler4j.jdbc;

import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;

/**
 * The store's transactions on its {@code DataSource}: a transaction that cannot begin because no connection can be had
 * (the database is down) fails with a {@code DataAccessException}, as every other database error of the store does,
 * rather than with Spring's {@code CannotCreateTransactionException}.
 */
final class StoreTransactionManager extends DataSourceTransactionManager {

    private static final long serialVersionUID = 1L;

    StoreTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        try {
            super.doBegin(transaction, definition);
        } catch (CannotCreateTransactionException e) {
            throw new DataAccessResourceFailureException(e.getMessage(), e.getCause() != null ? e.getCause() : e);
        }
    }
}
