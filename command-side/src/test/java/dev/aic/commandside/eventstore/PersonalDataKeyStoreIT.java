package dev.aic.commandside.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.aic.personaldata.JdbcSubjectKeys;
import dev.aic.personaldata.MasterKey;
import dev.aic.personaldata.PersonalDataException;
import dev.aic.personaldata.PersonalDataProperties;
import dev.aic.personaldata.SubjectKey;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-person keys in PostgreSQL: created once, stored wrapped, and gone for good once erased.
 * On a random port only to share the other suites' application context (and its connection pool).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class PersonalDataKeyStoreIT {

    @Autowired SubjectKeys keys;
    @Autowired ConnectionProvider connections;
    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;
    @Autowired PersonalDataProperties properties;
    @Autowired PlatformTransactionManager transactions;

    private final List<JdbcSubjectKeys> otherInstances = new ArrayList<>();

    @AfterEach
    void closeOtherInstances() {
        otherInstances.forEach(JdbcSubjectKeys::close);
    }

    @Test
    void aPersonGetsOneKeyStoredOnlyInWrappedForm() {
        UUID person = UUID.randomUUID();
        assertThat(keys.lookup(person)).isInstanceOf(SubjectKey.Absent.class);

        SecretKey key = keys.keyFor(person);

        assertThat(keys.keyFor(person).getEncoded()).isEqualTo(key.getEncoded());
        byte[] stored =
                jdbc.queryForObject(
                        "SELECT key FROM personal_data_key WHERE subject_id = ?",
                        byte[].class,
                        person);
        assertThat(HexFormat.of().formatHex(stored))
                .doesNotContain(HexFormat.of().formatHex(key.getEncoded()));
        // another instance, which has not cached it, reads the same key from the table
        assertThat(otherInstance(properties.masterKey()).keyFor(person).getEncoded())
                .isEqualTo(key.getEncoded());
    }

    @Test
    void writersRacingForANewPersonAgreeOnOneKey() throws Exception {
        UUID person = UUID.randomUUID();
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SubjectKeys instance = otherInstance(properties.masterKey());
            racers.add(() -> HexFormat.of().formatHex(instance.keyFor(person).getEncoded()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            List<String> seen = new ArrayList<>();
            for (Future<String> key : pool.invokeAll(racers)) {
                seen.add(key.get());
            }
            assertThat(seen).hasSize(8).containsOnly(seen.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A sign-up rush: every connection of the service's pool is held by a command's transaction
     * that meets a new person at the same moment. Each gets its key; none waits for a connection
     * that only another could return.
     */
    @Test
    void asManyNewPeopleAsThePoolHasConnectionsGetTheirKeysAtOnce() throws Exception {
        int connectionsOfThePool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        CountDownLatch everyConnectionHeld = new CountDownLatch(connectionsOfThePool);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        List<Callable<UUID>> commands = new ArrayList<>();
        for (int i = 0; i < connectionsOfThePool; i++) {
            commands.add(
                    () ->
                            transaction.execute(
                                    status -> {
                                        jdbc.queryForObject("SELECT 1", Integer.class);
                                        everyConnectionHeld.countDown();
                                        await(everyConnectionHeld);
                                        UUID person = UUID.randomUUID();
                                        keys.keyFor(person);
                                        return person;
                                    }));
        }
        ExecutorService pool = Executors.newFixedThreadPool(commands.size());
        try {
            List<UUID> people = new ArrayList<>();
            for (Future<UUID> person : pool.invokeAll(commands, 60, TimeUnit.SECONDS)) {
                people.add(person.get());
            }
            assertThat(
                            jdbc.queryForObject(
                                    "SELECT count(*) FROM personal_data_key WHERE subject_id = ANY (?) AND key IS NOT NULL",
                                    Integer.class,
                                    (Object) people.toArray(UUID[]::new)))
                    .isEqualTo(connectionsOfThePool);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anErasedPersonHasNoKeyAndGetsNoNewOne() {
        UUID person = UUID.randomUUID();
        keys.keyFor(person);

        jdbc.update(
                "UPDATE personal_data_key SET key = NULL, erased_at = now() WHERE subject_id = ?",
                person);
        keys.evict(person);

        assertThat(keys.lookup(person)).isInstanceOf(SubjectKey.Erased.class);
        assertThatThrownBy(() -> keys.keyFor(person))
                .isInstanceOf(PersonalDataException.class)
                .hasMessageContaining("erased");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM personal_data_key WHERE subject_id = ? AND key IS NULL",
                                Integer.class,
                                person))
                .isOne();
    }

    @Test
    void keysWrappedWithAnotherMasterKeyDoNotOpen() {
        UUID person = UUID.randomUUID();
        keys.keyFor(person);

        SubjectKeys wrongMaster = otherInstance(Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> wrongMaster.lookup(person))
                .isInstanceOf(PersonalDataException.class);
    }

    private SubjectKeys otherInstance(String masterKey) {
        JdbcSubjectKeys instance =
                new JdbcSubjectKeys(
                        connections,
                        dataSource,
                        2,
                        MasterKey.fromBase64(masterKey),
                        Duration.ofSeconds(10));
        otherInstances.add(instance);
        return instance;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "Not every connection of the pool was taken by a transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
