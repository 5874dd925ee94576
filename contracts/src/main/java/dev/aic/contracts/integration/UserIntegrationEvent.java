package dev.aic.contracts.integration;

import java.util.UUID;

/**
 * User facts published for consumers outside the command-side. They carry no personal data beyond
 * what a consumer needs: e-mail addresses stay in the event store.
 */
public sealed interface UserIntegrationEvent
        permits UserRegisteredIntegrationEvent, MemberErasedIntegrationEvent {

    UUID userId();
}
