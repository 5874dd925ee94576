package dev.aic.commandside.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.aic.contracts.RenamedEventUpcaster;
import dev.aic.personaldata.PersonalDataSerializer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole event stream, or a filtered part of it, in global index order as JSON lines. Rows come
 * through a server-side cursor (a fetch size inside a read-only, repeatable-read transaction) and
 * go out one at a time, so an export of millions of events takes no more memory than one fetch.
 */
@Component
class EventExport {

    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataSerializer events;
    private final ObjectMapper json;
    private final ObjectWriter lines;

    EventExport(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            PersonalDataSerializer events,
            ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.transactions.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
        this.events = events;
        this.json = json;
        this.lines = json.writerFor(AuditedEvent.class);
    }

    /**
     * @param from stored at or after (inclusive), or null
     * @param to stored before (exclusive), or null
     * @param type the event's type, by class name or simple name ({@code Registered}), or null
     * @param aggregateType the entity's type ({@code User}), or null
     * @param actor who caused it: the platform user id or the {@code <issuer>#<subject>}, or null
     * @param correlationId the first message of the chain that caused it, or null
     */
    record Filter(
            Instant from,
            Instant to,
            String type,
            String aggregateType,
            String actor,
            String correlationId) {}

    void write(Filter filter, OutputStream out) {
        StringBuilder sql =
                new StringBuilder(
                        "SELECT " + StoredEvent.COLUMNS + " FROM domainevententry e WHERE true");
        List<Object> parameters = new ArrayList<>();
        // Axon stores timestamps as ISO-8601 text of one fixed width, so text order is time order
        if (filter.from() != null) {
            sql.append(" AND e.timestamp >= ?");
            parameters.add(DateTimeUtils.formatInstant(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND e.timestamp < ?");
            parameters.add(DateTimeUtils.formatInstant(filter.to()));
        }
        if (filter.type() != null) {
            // events of the type stored before their class was renamed are of the type too
            sql.append(
                    " AND (e.payloadtype = ? OR regexp_replace(e.payloadtype, '^.*[.$]', '') = ?"
                            + " OR e.payloadtype = ANY (string_to_array(?, ',')))");
            parameters.add(filter.type());
            parameters.add(filter.type());
            parameters.add(String.join(",", RenamedEventUpcaster.formerNames(filter.type())));
        }
        if (filter.aggregateType() != null) {
            sql.append(" AND e.type = ?");
            parameters.add(filter.aggregateType());
        }
        if (filter.actor() != null) {
            sql.append(
                    " AND ? IN (convert_from(e.metadata, 'UTF8')::jsonb ->> 'actorId',"
                            + " convert_from(e.metadata, 'UTF8')::jsonb ->> 'actorSubject')");
            parameters.add(filter.actor());
        }
        if (filter.correlationId() != null) {
            sql.append(" AND convert_from(e.metadata, 'UTF8')::jsonb ->> 'correlationId' = ?");
            parameters.add(filter.correlationId());
        }
        sql.append(" ORDER BY e.globalindex");
        OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        transactions.executeWithoutResult(
                status ->
                        jdbc.query(
                                sql.toString(),
                                row -> {
                                    try {
                                        buffered.write(
                                                lines.writeValueAsBytes(
                                                        AuditedEvent.of(
                                                                StoredEvent.read(row, 1),
                                                                events,
                                                                json)));
                                        buffered.write('\n');
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                },
                                parameters.toArray()));
        try {
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
