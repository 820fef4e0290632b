package io.github.apscheduler4j.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears, on PostgreSQL, the changes other store objects make to a {@link JdbcJobStore}'s table, and wakes the
 * scheduler when one is made: each store's add, update and remove sends {@code pg_notify('<table>_changed', id)}
 * (see {@link #channel}), and this class keeps one connection that {@code LISTEN}s on that channel, on a daemon
 * thread of its own. Used only with the PostgreSQL dialect; polling at the store poll interval stays the guarantee,
 * this only makes other instances learn of a change at once.
 *
 * <p>The connection is held for as long as the store runs (from the store's data source unless
 * {@link JdbcJobStoreBuilder#listenerDataSource} names another). After an error the listener reconnects, with a
 * growing pause (up to {@value #MAX_BACKOFF_SECONDS} s), and wakes the scheduler once it listens again, since
 * notifications sent meanwhile are lost. Every {@value #HEARTBEAT_SECONDS} s of silence it repeats its
 * {@code LISTEN}, so that a connection that died quietly is noticed.
 */
final class PostgresChangeListener implements JdbcDialect.ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(PostgresChangeListener.class);
    /** PostgreSQL's longest identifier, which a channel name is, in bytes. */
    private static final int MAX_CHANNEL_BYTES = 63;
    private static final int WAIT_MILLIS = 500;
    private static final long HEARTBEAT_SECONDS = 30;
    private static final long MAX_BACKOFF_SECONDS = 30;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onChange;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private volatile boolean running;

    /**
     * @param channel the channel to listen on, from {@link #channel}
     * @param onChange called on the listener's thread after each batch of notifications, and after each reconnect
     * @param name names the store in log messages and the thread
     */
    PostgresChangeListener(DataSource dataSource, String channel, Runnable onChange, String name) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.onChange = onChange;
        this.name = name;
    }

    /** The notification channel of {@code table} (possibly schema-qualified): {@code <table>_changed}, lower case. */
    static String channel(String table) {
        String channel = table.toLowerCase(Locale.ROOT) + "_changed";
        if (channel.getBytes(StandardCharsets.UTF_8).length <= MAX_CHANNEL_BYTES) {
            return channel;
        }
        // identifiers are ASCII here; keep a readable prefix and tell long names apart by a hash
        String hash = Integer.toHexString(table.toLowerCase(Locale.ROOT).hashCode());
        return channel.substring(0, MAX_CHANNEL_BYTES - hash.length() - 1) + "_" + hash;
    }

    /**
     * Connects and listens before returning, so that every change committed after this call is heard, then goes on
     * listening on a daemon thread. When the first connection fails, the thread keeps trying.
     */
    void start() {
        running = true;
        Connection first = null;
        try {
            first = listen();
        } catch (SQLException | RuntimeException e) {
            log.warn("Job store {}: cannot LISTEN on channel {} yet ({}); other instances' changes are seen at the store"
                    + " poll interval until it can", name, channel, e.getMessage());
        }
        Connection initial = first;
        Thread listening = new Thread(() -> run(initial), "apscheduler-" + name + "-listener");
        listening.setDaemon(true);
        listening.start();
    }

    /**
     * Stops listening. Returns at once: the thread ends within {@value #WAIT_MILLIS} ms, when its wait for
     * notifications does (a socket read cannot be interrupted), and then UNLISTENs and closes its connection.
     */
    @Override
    public void stop() {
        lock.lock();
        try {
            running = false;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Connection listen() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.unwrap(PGConnection.class); // fails here, clearly, if this is not pgjdbc
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(listenSql());
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private String listenSql() {
        return "LISTEN \"" + channel + "\"";
    }

    private void run(Connection initial) {
        Connection connection = initial;
        long backoffSeconds = 1;
        boolean failing = connection == null;
        while (running) {
            try {
                if (connection == null) {
                    connection = listen();
                    if (failing) {
                        log.info("Job store {}: listening on channel {} again", name, channel);
                    }
                    failing = false;
                    backoffSeconds = 1;
                    onChange.run(); // notifications sent while not listening are lost: look now
                }
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!failing) {
                    log.warn("Job store {}: lost the LISTEN connection on channel {} ({}); reconnecting", name, channel,
                            e.getMessage());
                }
                failing = true;
                if (connection != null) {
                    unlisten(connection);
                    close(connection);
                }
                connection = null;
                pause(Duration.ofSeconds(backoffSeconds));
                backoffSeconds = Math.min(MAX_BACKOFF_SECONDS, backoffSeconds * 2);
            }
        }
        if (connection != null) {
            unlisten(connection);
            close(connection);
        }
    }

    /** Waits for notifications until stopped; returns normally only when stopped. */
    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                lastHeard = System.nanoTime();
                log.debug("Job store {}: {} change(s) notified, first to job '{}'", name, notifications.length,
                        notifications[0].getParameter());
                onChange.run();
            } else if (System.nanoTime() - lastHeard > TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(listenSql()); // a no-op that fails on a dead connection
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (running && nanos > 0) {
                nanos = stopping.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** A pooled connection goes back to the pool: it must not go on collecting notifications there. */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            log.debug("UNLISTEN failed", e);
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the LISTEN connection failed", e);
        }
    }
}
