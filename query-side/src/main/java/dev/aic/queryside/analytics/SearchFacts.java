package dev.aic.queryside.analytics;

import dev.aic.web.demo.DemoTime;
import dev.aic.web.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Where the knowledge hub reports its searches, questions and the results members open. */
@Component
public class SearchFacts {

    private static final Logger log = LoggerFactory.getLogger(SearchFacts.class);

    private final SearchFactWriter writer;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    /**
     * Facts are stamped by the system clock, or on a development machine that allows backdating by
     * the {@link DemoTime}'s clock, which reads the time a demo request names.
     */
    @Autowired
    SearchFacts(SearchFactWriter writer, Pseudonyms pseudonyms, ObjectProvider<DemoTime> demoTime) {
        this(
                writer,
                pseudonyms,
                demoTime.stream().map(DemoTime::clock).findFirst().orElseGet(Clock::systemUTC));
    }

    SearchFacts(SearchFactWriter writer, Pseudonyms pseudonyms, Clock clock) {
        this.writer = writer;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /**
     * Queues the fact of a search or question.
     *
     * @return the search's id, which the client sends back with feedback on its results
     */
    public UUID searched(Caller caller, Searched searched) {
        UUID searchId = UUID.randomUUID();
        try {
            writer.offer(
                    SearchFact.searched(
                            searchId,
                            clock.instant(),
                            pseudonyms.of(caller),
                            searched,
                            pseudonyms));
        } catch (RuntimeException e) {
            // recording is a side effect: the search has its answer and gets it
            log.warn("The search fact is dropped: {}", e.getMessage());
        }
        return searchId;
    }

    void clicked(Caller caller, SearchFeedback feedback) {
        writer.offer(
                SearchFact.clicked(
                        feedback.searchId(),
                        clock.instant(),
                        pseudonyms.of(caller),
                        feedback.documentId(),
                        feedback.rank()));
    }
}
