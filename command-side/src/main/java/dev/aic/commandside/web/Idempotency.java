package dev.aic.commandside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.web.http.ApiHeaders;
import dev.aic.web.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code Idempotency-Key} on creating requests. The key is recorded in the transaction of the
 * command it guards, together with the response: a retry with the same key and request gets that
 * response again (marked {@code Idempotent-Replayed}) and stores nothing; the same key with another
 * request is a 422. A concurrent retry waits on the key's row until the first attempt commits or
 * rolls back. A failed attempt records nothing, so it may be retried with the same key. Keys live
 * in PostgreSQL and survive restarts; they are kept for {@code aic.idempotency.retention} (24 h).
 */
@Component
public class Idempotency implements SchedulingConfigurer {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final List<String> REPLAYED_HEADERS =
            List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, ApiHeaders.CONSISTENCY_TOKEN);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final IdempotencyProperties properties;

    Idempotency(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            ObjectMapper json,
            IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
    }

    public <T> ResponseEntity<T> once(
            Caller caller,
            String key,
            String operation,
            Object request,
            Class<T> type,
            Supplier<ResponseEntity<T>> action) {
        if (key == null) {
            return transactions.execute(status -> action.get());
        }
        if (!KEY.matcher(key).matches()) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        byte[] hash = hash(operation, request);
        return transactions.execute(
                status -> {
                    boolean first =
                            jdbc.update(
                                            """
                    INSERT INTO idempotency_record (caller, key, request_hash) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""",
                                            caller.key(),
                                            key,
                                            hash)
                                    == 1;
                    if (!first) {
                        return replay(caller, key, hash, type);
                    }
                    ResponseEntity<T> response = action.get();
                    jdbc.update(
                            "UPDATE idempotency_record SET status = ?, headers = ?, body = ? WHERE caller = ? AND key = ?",
                            response.getStatusCode().value(),
                            write(headersToKeep(response.getHeaders())),
                            write(response.getBody()),
                            caller.key(),
                            key);
                    return response;
                });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::forgetExpiredKeys, properties.cleanupInterval());
    }

    void forgetExpiredKeys() {
        jdbc.update(
                "DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => ?)",
                (double) properties.retention().toSeconds());
    }

    private <T> ResponseEntity<T> replay(Caller caller, String key, byte[] hash, Class<T> type) {
        return jdbc.queryForObject(
                "SELECT request_hash, status, headers, body FROM idempotency_record WHERE caller = ? AND key = ?",
                (row, n) -> {
                    if (!Arrays.equals(row.getBytes("request_hash"), hash)) {
                        throw new IdempotencyKeyReusedException();
                    }
                    HttpHeaders headers = new HttpHeaders();
                    read(row.getString("headers"), new TypeReference<Map<String, String>>() {})
                            .forEach(headers::set);
                    headers.set(ApiHeaders.IDEMPOTENT_REPLAYED, "true");
                    return ResponseEntity.status(row.getInt("status"))
                            .headers(headers)
                            .body(read(row.getString("body"), type));
                },
                caller.key(),
                key);
    }

    private static Map<String, String> headersToKeep(HttpHeaders headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        REPLAYED_HEADERS.forEach(
                name -> {
                    if (headers.getFirst(name) != null) {
                        kept.put(name, headers.getFirst(name));
                    }
                });
        return kept;
    }

    private byte[] hash(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(json.writeValueAsBytes(request));
            return sha.digest();
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
