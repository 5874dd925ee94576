package dev.aic.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.consumers}: a record whose processing took the service down {@code maxCrashes} times
 * is parked, not processed again ({@link DeliveryAttempts}).
 */
@ConfigurationProperties("aic.consumers")
record ConsumerProperties(@DefaultValue("2") int maxCrashes) {}
