package dev.aic.queryside.communityevent;

import java.util.List;

/** The caller's calendar: upcoming events first, soonest first, then past ones, latest first. */
record MyCommunityEvents(List<MyCommunityEvent> items) {}
