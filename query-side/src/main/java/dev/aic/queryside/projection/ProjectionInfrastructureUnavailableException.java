package dev.aic.queryside.projection;

/**
 * A projection's store failed in a way that waiting fixes: the processor retries the batch instead
 * of parking.
 */
final class ProjectionInfrastructureUnavailableException extends RuntimeException {

    ProjectionInfrastructureUnavailableException(Throwable cause) {
        super("Transient failure, retrying the batch: " + cause, cause);
    }
}
