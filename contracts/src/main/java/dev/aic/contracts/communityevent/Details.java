package dev.aic.contracts.communityevent;

import java.util.List;

/** What a community event is about and where: a venue, an online link, or both. */
public record Details(
        String title,
        String description,
        String venue,
        String onlineLink,
        List<String> tags,
        Visibility visibility) {

    public Details {
        tags = List.copyOf(tags);
    }
}
