package dev.aic.commandside.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a command and reports its {@link Outcome}. The command runs inside a transaction opened
 * here (Axon's unit of work joins it), so its events are visible to the lookup that follows and
 * nothing of it is committed unless all of it is. Commands on one aggregate run one after the
 * other. Each carries its {@link Attribution}, which its events inherit.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    Commands(CommandGateway gateway, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public Outcome send(Object command, Object aggregateId) {
        return ask(command, aggregateId).outcome();
    }

    /**
     * Sends a command that creates the aggregate under an id this service generated for it just
     * now. It takes no lock: nobody else can know the id before this command has answered, so no
     * other command can be waiting for it, and should one ever carry it, Axon's unique (aggregate,
     * sequence number) refuses the second creation. One round trip less than {@link #send}.
     */
    public Outcome create(Object command, Object newAggregateId) {
        return transactions.execute(
                status -> {
                    gateway.sendAndWait(
                            GenericCommandMessage.asCommandMessage(command)
                                    .andMetaData(Attribution.of(command)));
                    return latest(newAggregateId);
                });
    }

    /**
     * Sends a command whose handler answers something besides its events, e.g. where an RSVP
     * landed.
     */
    public <R> Reply<R> ask(Object command, Object aggregateId) {
        return ask(command, aggregateId, Attribution.of(command));
    }

    /**
     * Sends a command on behalf of whoever {@code attribution} names, e.g. {@link
     * Attribution#ofService}.
     */
    public <R> Reply<R> ask(Object command, Object aggregateId, MetaData attribution) {
        return transactions.execute(
                status -> {
                    // Axon's own aggregate lock is released when its unit of work ends, which is
                    // before this
                    // transaction commits: a second command could then load the aggregate without
                    // our events and
                    // collide with them. This lock is held until commit, and holds across
                    // command-side instances.
                    jdbc.queryForList(
                            "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                            aggregateId.toString());
                    R result =
                            gateway.sendAndWait(
                                    GenericCommandMessage.asCommandMessage(command)
                                            .andMetaData(attribution));
                    return new Reply<>(result, latest(aggregateId));
                });
    }

    /** What the command handler returned, and the {@link Outcome} of the command. */
    public record Reply<R>(R result, Outcome outcome) {}

    /**
     * The aggregate as its latest stored event left it, e.g. the document an identical upload
     * answers with. Inside {@link #ask} that event is the command's own: our own events are visible
     * in our transaction, and another command's event on this aggregate cannot commit in between,
     * it would collide with ours on (aggregate, sequence number).
     */
    public Outcome latest(Object aggregateId) {
        return jdbc.queryForObject(
                """
                    SELECT sequencenumber, globalindex FROM domainevententry
                    WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1""",
                (row, n) -> new Outcome(row.getLong(1), row.getLong(2)),
                aggregateId.toString());
    }
}
