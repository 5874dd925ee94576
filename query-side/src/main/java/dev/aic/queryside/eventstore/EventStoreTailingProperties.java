package dev.aic.queryside.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How often the query-side looks for new events once its processors have caught up. */
@ConfigurationProperties("aic.event-store")
record EventStoreTailingProperties(@DefaultValue("25ms") Duration fetchDelay) {
}
