package dev.aic.personaldata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * The keys in {@code event_store.personal_data_key}, wrapped with the {@link MasterKey}. An erased
 * person keeps a row without a key (a tombstone), so that nothing re-creates their key and readers
 * can tell "erased" from "lost".
 *
 * <p>Keys are read on the caller's connection (Axon's {@link ConnectionProvider}: the current
 * transaction's, so a read costs no second connection), but created on a connection of their own
 * that commits at once, never inside the caller's transaction: a key that an event was encrypted
 * with must exist even if that transaction rolls back (this instance caches it), and two writers
 * racing for a new person end up with the one key that won. That connection comes from a small pool
 * of the key store's own ({@code keyWriters}), not from the caller's: a caller holds its
 * transaction's connection while it waits, so with one shared pool a rush of first sign-ups would
 * hold every connection and wait for one more until the pool timed out.
 *
 * <p>Each instance remembers keys for {@code timeToLive}: that is how long another instance may
 * still decrypt after an erasure (the erasing instance evicts at once).
 */
public final class JdbcSubjectKeys implements SubjectKeys, AutoCloseable {

    private static final String TABLE = "event_store.personal_data_key";

    private final ConnectionProvider connections;
    private final HikariDataSource keyWriterPool;
    private final DataSource keyWriters;
    private final MasterKey masterKey;
    private final Cache<UUID, SubjectKey> known;

    /**
     * Counts evictions: a key read before one must not stay cached after it (see {@link
     * #remember}).
     */
    private final AtomicLong evictions = new AtomicLong();

    /**
     * @param connections where keys are read: the current transaction's connection when there is
     *     one
     * @param dataSource the service's pool: the key writers' pool connects where it does, as it
     *     does
     * @param keyWriterConnections the size of the key writers' pool
     */
    public JdbcSubjectKeys(
            ConnectionProvider connections,
            DataSource dataSource,
            int keyWriterConnections,
            MasterKey masterKey,
            Duration timeToLive) {
        this(connections, dataSource, keyWriterConnections, masterKey, timeToLive, pool -> pool);
    }

    /**
     * As above, with the key writers' pool seen through {@code wrapper} (the benchmark counts its
     * statements).
     */
    public JdbcSubjectKeys(
            ConnectionProvider connections,
            DataSource dataSource,
            int keyWriterConnections,
            MasterKey masterKey,
            Duration timeToLive,
            KeyWriterPoolWrapper wrapper) {
        this.connections = connections;
        this.keyWriterPool = keyWriterPool(dataSource, keyWriterConnections);
        this.keyWriters = wrapper.wrap(keyWriterPool);
        this.masterKey = masterKey;
        this.known =
                Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(100_000).build();
    }

    @Override
    public SecretKey keyFor(UUID subject) {
        SubjectKey current = lookup(subject);
        if (current instanceof SubjectKey.Absent) {
            current = create(subject);
            known.put(subject, current);
        }
        if (current instanceof SubjectKey.Erased) {
            throw new PersonalDataException(
                    "Person "
                            + subject
                            + " was erased: no personal data about them is stored any more");
        }
        return current.key()
                .orElseThrow(() -> new PersonalDataException("No key for person " + subject));
    }

    @Override
    public SubjectKey lookup(UUID subject) {
        SubjectKey cached = known.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        long evictionsBefore = evictions.get();
        SubjectKey stored = read(subject);
        if (!(stored instanceof SubjectKey.Absent)) {
            remember(subject, stored, evictionsBefore);
        }
        return stored;
    }

    /**
     * Caches what was read, unless an eviction came meanwhile: the row may have been read just
     * before an erasure committed. Put first, then check: an eviction that the check misses runs
     * its invalidation after the put.
     */
    private void remember(UUID subject, SubjectKey stored, long evictionsBefore) {
        known.put(subject, stored);
        if (evictions.get() != evictionsBefore) {
            known.invalidate(subject);
        }
    }

    @Override
    public void evict(UUID subject) {
        evictions.incrementAndGet();
        known.invalidate(subject);
    }

    @Override
    public void close() {
        keyWriterPool.close();
    }

    private static HikariDataSource keyWriterPool(DataSource dataSource, int size) {
        HikariConfig config = new HikariConfig();
        try {
            dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The key store expects the service's DataSource to be a Hikari pool", e);
        }
        // named in the pool metrics (hikaricp_connections{pool=...}) when the service's pool has
        // them
        config.setPoolName("personal-data-key-writers");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setAutoCommit(true);
        // connections are opened on the first new person: the service's own pool checked the
        // database already
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private SubjectKey read(UUID subject) {
        try (Connection connection = connections.getConnection()) {
            return read(connection, subject);
        } catch (SQLException e) {
            throw new PersonalDataException("Could not read the key of person " + subject, e);
        }
    }

    private SubjectKey read(Connection connection, UUID subject) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT key FROM " + TABLE + " WHERE subject_id = ?")) {
            select.setObject(1, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? stored(subject, row.getBytes(1)) : new SubjectKey.Absent();
            }
        }
    }

    /**
     * The person's key as committed: the one inserted here, or the one a concurrent writer inserted
     * first.
     */
    private SubjectKey create(UUID subject) {
        // one round trip: the conflict's no-op update makes RETURNING give the row that won, a
        // tombstone's NULL key included
        try (Connection connection = keyWriters.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO "
                                        + TABLE
                                        + " AS stored (subject_id, key) VALUES (?, ?) ON CONFLICT (subject_id)"
                                        + " DO UPDATE SET key = stored.key RETURNING key")) {
            insert.setObject(1, subject);
            insert.setBytes(2, masterKey.wrap(subject, newKey()));
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return stored(subject, row.getBytes(1));
            }
        } catch (SQLException e) {
            throw new PersonalDataException("Could not store a key for person " + subject, e);
        }
    }

    /** A stored row's key: a tombstone has none. */
    private SubjectKey stored(UUID subject, byte[] wrapped) {
        return wrapped == null
                ? new SubjectKey.Erased()
                : new SubjectKey.Present(masterKey.unwrap(subject, wrapped));
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(FieldCipher.KEY_BYTES * 8);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new PersonalDataException("AES-256 is not available", e);
        }
    }
}
