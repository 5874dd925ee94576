package dev.aic.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A year of community life, drawn from a fixed seed so every run plans the same members, community
 * events and searches (relative to its own today): who registers when with which interests, which
 * community events are drafted, published, filled, cancelled and attended, and what members search
 * for. {@link DemoActivity} plays it through the API.
 */
record DemoPlan(List<Member> members, List<CommunityEvent> communityEvents, List<Search> searches) {

    /** A member who signs in as {@code username} and registers at {@code registeredAt}. */
    record Member(String username, Instant registeredAt, List<String> interests) {}

    /** What happens to one RSVP: who, when, and whether and when they give up their place. */
    record Rsvp(int member, Instant at, Instant cancelledAt) {}

    /**
     * A community event's life. {@code cancelledAt} null: it runs; {@code published} false: it
     * stays a draft.
     */
    record CommunityEvent(
            String title,
            Instant draftedAt,
            Instant startsAt,
            int capacity,
            List<String> tags,
            boolean online,
            boolean hasVenue,
            String visibility,
            boolean published,
            Instant cancelledAt,
            List<Rsvp> rsvps,
            double attendance) {}

    /** A search ({@code mode} semantic, fulltext or hybrid) or a question ({@code mode} ask). */
    record Search(int member, Instant at, String mode, String text, boolean opensAResult) {}

    static final List<String> INTERESTS =
            List.of(
                    "machine learning",
                    "llms",
                    "rag",
                    "computer vision",
                    "data engineering",
                    "mlops",
                    "nlp",
                    "ethics",
                    "robotics",
                    "graphs",
                    "reinforcement learning",
                    "statistics");
    static final List<String> TAGS =
            List.of(
                    "meetup",
                    "workshop",
                    "llms",
                    "rag",
                    "talk",
                    "hands-on",
                    "mlops",
                    "beginners",
                    "paper-club",
                    "ethics");
    private static final List<String> TOPICS =
            List.of(
                    "Retrieval-augmented generation in practice",
                    "Evaluating LLM answers",
                    "Vector databases compared",
                    "Fine-tuning small models",
                    "MLOps on a budget",
                    "Paper club: attention",
                    "Computer vision for beginners",
                    "Responsible AI",
                    "Graph neural networks",
                    "Agents and tools");

    /** Questions the knowledge hub's documents answer (the platform's own docs are uploaded). */
    static final List<String> FINDABLE =
            List.of(
                    "how are projections rebuilt",
                    "what does an analyst see",
                    "event sourcing",
                    "search feedback",
                    "how are documents chunked",
                    "embedding model",
                    "waiting list promotion",
                    "personal data erasure",
                    "reciprocal rank fusion",
                    "retention of search facts",
                    "why split texts that overlap",
                    "pseudonym key");

    /** What members look for that the knowledge hub does not have: found by no word. */
    static final List<String> NOT_FOUND =
            List.of(
                    "sourdough starter hydration",
                    "amigurumi crochet",
                    "bonsai repotting",
                    "espresso tamping",
                    "derailleur cassette");

    private static final Duration YEAR = Duration.ofDays(364);

    /**
     * The plan for a run at {@code now}: {@code memberCount} members, {@code pastEvents} community
     * events that already took place (about one every ten days) and three still to come, {@code
     * searchCount} searches and questions over the last {@code searchDays} days.
     */
    static DemoPlan of(
            Instant now,
            long seed,
            int memberCount,
            int pastEvents,
            int searchCount,
            int searchDays) {
        Random random = new Random(seed);
        Instant today = now.truncatedTo(ChronoUnit.HOURS);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            // more members join as the community grows: registrations lean towards recent months
            double age = 1 - Math.pow(random.nextDouble(), 0.75);
            Instant at =
                    today.minus(Duration.ofMinutes(60 + (long) (age * YEAR.toMinutes())))
                            .truncatedTo(ChronoUnit.MINUTES);
            members.add(new Member(null, at, pick(random, INTERESTS, 1 + random.nextInt(3))));
        }
        members.sort(Comparator.comparing(Member::registeredAt));
        List<Member> named = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            named.add(
                    new Member(
                            String.format("demo-member-%03d", i + 1),
                            m.registeredAt(),
                            m.interests()));
        }

        List<CommunityEvent> events = new ArrayList<>();
        int total = pastEvents + 3;
        for (int k = 0; k < total; k++) {
            boolean upcoming = k >= pastEvents;
            Instant drafted =
                    upcoming
                            ? today.minus(Duration.ofDays(5L - (k - pastEvents)))
                            : today.minus(YEAR.minus(YEAR.dividedBy(pastEvents).multipliedBy(k)));
            drafted = drafted.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9 + k % 5));
            Instant startsAt =
                    drafted.truncatedTo(ChronoUnit.DAYS)
                            .plus(
                                    Duration.ofDays(
                                            upcoming ? 12 + 3L * k % 9 : 8 + random.nextInt(6)))
                            .plus(Duration.ofHours(17));
            if (!upcoming && startsAt.isAfter(today.minus(Duration.ofDays(1)))) {
                startsAt =
                        today.minus(Duration.ofDays(1))
                                .truncatedTo(ChronoUnit.DAYS)
                                .plus(Duration.ofHours(17));
            }
            int capacity = 8 + random.nextInt(23);
            boolean published = k % 17 != 11;
            boolean cancelled = published && !upcoming && k % 13 == 7;
            List<Rsvp> rsvps = new ArrayList<>();
            if (published) {
                // RSVPs arrive in the last day before the start (after its reminder time, so no
                // reminder is due for history); an upcoming event's since its publication
                Instant first =
                        upcoming
                                ? drafted.plus(Duration.ofHours(2))
                                : startsAt.minus(Duration.ofHours(22));
                Instant last =
                        upcoming
                                ? today.minus(Duration.ofMinutes(30))
                                : startsAt.minus(Duration.ofHours(2));
                List<Integer> eligible = new ArrayList<>();
                for (int i = 0; i < named.size(); i++) {
                    if (named.get(i).registeredAt().isBefore(first)) {
                        eligible.add(i);
                    }
                }
                int demand =
                        Math.min(
                                eligible.size(),
                                (int) Math.round(capacity * (0.5 + random.nextDouble() * 1.1)));
                java.util.Collections.shuffle(eligible, random);
                long window = Duration.between(first, last).toSeconds();
                List<Instant> times = new ArrayList<>();
                for (int r = 0; r < demand; r++) {
                    times.add(first.plusSeconds((long) (random.nextDouble() * window)));
                }
                times.sort(Comparator.naturalOrder());
                for (int r = 0; r < demand; r++) {
                    Instant at = times.get(r).truncatedTo(ChronoUnit.SECONDS);
                    Instant gaveUp =
                            random.nextDouble() < 0.12
                                    ? at.plus(Duration.between(at, last).dividedBy(2))
                                            .truncatedTo(ChronoUnit.SECONDS)
                                    : null;
                    rsvps.add(new Rsvp(eligible.get(r), at, gaveUp));
                }
            }
            events.add(
                    new CommunityEvent(
                            TOPICS.get(k % TOPICS.size()) + " #" + (k + 1),
                            drafted,
                            startsAt,
                            capacity,
                            pick(random, TAGS, 1 + random.nextInt(2)),
                            k % 4 == 0 || k % 4 == 1,
                            k % 4 != 0,
                            k % 3 == 0 ? "MEMBERS" : "PUBLIC",
                            published,
                            cancelled ? startsAt.minus(Duration.ofHours(1)) : null,
                            rsvps,
                            0.55 + random.nextDouble() * 0.4));
        }

        List<Search> searches = new ArrayList<>();
        long window = Duration.ofDays(searchDays).toSeconds();
        for (int s = 0; s < searchCount; s++) {
            Instant at =
                    today.minusSeconds(600 + (long) (random.nextDouble() * window))
                            .truncatedTo(ChronoUnit.SECONDS);
            int member = named.size() - 1 - random.nextInt(Math.min(named.size(), 80));
            double kind = random.nextDouble();
            if (kind < 0.12) {
                // found by no word: full-text search answers nothing
                searches.add(
                        new Search(
                                member, at, "fulltext", pick(random, NOT_FOUND, 1).get(0), false));
            } else if (kind < 0.27) {
                searches.add(new Search(member, at, "ask", question(random), false));
            } else {
                String mode = kind < 0.55 ? "hybrid" : kind < 0.8 ? "semantic" : "fulltext";
                searches.add(
                        new Search(
                                member,
                                at,
                                mode,
                                pick(random, FINDABLE, 1).get(0),
                                random.nextDouble() < 0.45));
            }
        }
        searches.sort(Comparator.comparing(Search::at));
        return new DemoPlan(named, events, searches);
    }

    private static String question(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "How does the platform rebuild a projection?";
            case 1 -> "What can an analyst see about members?";
            case 2 -> "How long are search facts kept?";
            default -> "What will the next session be?";
        };
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        List<String> picked = new ArrayList<>();
        while (picked.size() < count) {
            // the first entries are the most popular
            int index = (int) (Math.pow(random.nextDouble(), 1.6) * from.size());
            String value = from.get(index);
            if (!picked.contains(value)) {
                picked.add(value);
            }
        }
        return List.copyOf(picked);
    }
}
