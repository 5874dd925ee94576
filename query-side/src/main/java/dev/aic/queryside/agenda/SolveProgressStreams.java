package dev.aic.queryside.agenda;

import dev.aic.web.stream.PolledStreams;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a solve, as document processing has them ({@link PolledStreams}): the solve
 * at once, then every change (each progress report of the ai-worker, then the proposal), one poll
 * per followed solve. A stream ends when the solve settles (proposed, accepted, discarded), or
 * after {@code timeout}; a caller has only a few open, and everyone together a bounded number.
 */
@Component
@EnableConfigurationProperties(SolveProgressStreams.Settings.class)
class SolveProgressStreams implements DisposableBean {

    static final String EVENT_NAME = "solve";

    private final PolledStreams<Solve, SolveView> streams;

    /** Which solve of which agenda. */
    record Solve(UUID agendaId, UUID solveId) {}

    SolveProgressStreams(Settings settings, Agendas agendas) {
        this.streams =
                new PolledStreams<>(
                        "agenda-solve-progress",
                        EVENT_NAME,
                        new PolledStreams.Settings(
                                settings.pollInterval(),
                                settings.timeout(),
                                1,
                                settings.maxStreamsPerCaller(),
                                settings.maxStreams()),
                        solve -> agendas.solve(solve.agendaId(), solve.solveId()),
                        SolveView::settled);
    }

    /**
     * {@code aic.agendas.solve-stream}: how often a followed solve is read, how long a stream stays
     * open at most, and how many may be open per caller and in all (each holds a connection of the
     * server's).
     */
    @ConfigurationProperties("aic.agendas.solve-stream")
    record Settings(
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("10m") Duration timeout,
            @DefaultValue("4") int maxStreamsPerCaller,
            @DefaultValue("100") int maxStreams) {}

    /**
     * A stream of {@code solve} for {@code caller} ({@code Caller.key()}), who may see it: every
     * reader of an agenda sees its solves alike.
     */
    SseEmitter open(String caller, Solve solve, Agendas agendas) {
        return streams.open(caller, solve, () -> agendas.solve(solve.agendaId(), solve.solveId()));
    }

    @Override
    public void destroy() {
        streams.close();
    }
}
