package dev.aic.queryside.communityevent;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;

/**
 * Community events as RFC 5545 iCalendar. Each event is one VEVENT whose UID stays {@code <id>@aic}
 * and whose SEQUENCE is the event's version, so a calendar that subscribed once recognises a
 * reschedule or a cancellation as an update of the same entry. Times are written in the event's own
 * time zone, with its VTIMEZONE, when ical4j knows the zone (its definitions are bundled, never
 * fetched: ical4j.properties); in UTC otherwise.
 */
@Component
class CommunityEventCalendar {

    static final String MEDIA_TYPE = "text/calendar";
    private static final String PRODUCT = "-//AIC Platform//Community events//EN";

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    /** One calendar entry: the event and whether the member's place in it is only tentative. */
    record Entry(CommunityEventView event, boolean tentative) {}

    String render(List<Entry> entries) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        Map<String, TimeZone> used = new LinkedHashMap<>();
        List<VEvent> events = entries.stream().map(entry -> vevent(entry, used)).toList();
        used.values().forEach(zone -> calendar.add(zone.getVTimeZone()));
        events.forEach(calendar::add);
        return calendar.toString();
    }

    private VEvent vevent(Entry entry, Map<String, TimeZone> used) {
        CommunityEventView event = entry.event();
        TimeZone zone = zone(event.timeZone());
        VEvent vevent;
        if (zone == null) {
            vevent = new VEvent(event.startsAt(), event.endsAt(), event.title());
        } else {
            used.putIfAbsent(event.timeZone(), zone);
            ZoneId id = ZoneId.of(event.timeZone());
            vevent =
                    new VEvent(
                            ZonedDateTime.ofInstant(event.startsAt(), id),
                            ZonedDateTime.ofInstant(event.endsAt(), id),
                            event.title());
        }
        vevent.add(new Uid(event.id() + "@aic"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        vevent.add(
                event.cancelled()
                        ? ImmutableStatus.VEVENT_CANCELLED
                        : entry.tentative() || event.draft()
                                ? ImmutableStatus.VEVENT_TENTATIVE
                                : ImmutableStatus.VEVENT_CONFIRMED);
        if (event.description() != null && !event.description().isBlank()) {
            vevent.add(new Description(event.description()));
        }
        String where = event.venue() != null ? event.venue() : event.onlineLink();
        if (where != null) {
            vevent.add(new Location(where));
        }
        URI link = uri(event.onlineLink());
        if (link != null) {
            vevent.add(new Url(link));
        }
        return vevent;
    }

    private TimeZone zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        try {
            ZoneId.of(timeZone);
            return zones.getTimeZone(timeZone);
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    private static URI uri(String link) {
        if (link == null) {
            return null;
        }
        try {
            URI uri = URI.create(link);
            return uri.isAbsolute() ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
