package dev.aic.contracts.agenda;

/**
 * A solver's score: {@code hard} counts broken hard rules (0 is feasible), {@code soft} the
 * weighted soft goals missed (0 is best).
 */
public record Score(long hard, long soft) {

    public boolean feasible() {
        return hard == 0;
    }
}
