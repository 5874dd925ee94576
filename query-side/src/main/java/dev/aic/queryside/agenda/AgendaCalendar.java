package dev.aic.queryside.agenda;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
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
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;

/**
 * An agenda's placed sessions as RFC 5545 iCalendar, as the community-event calendars are: one
 * VEVENT per session, UID {@code <sessionId>@aic} and SEQUENCE the agenda's version, so a
 * subscribed calendar takes a moved session as an update of its entry; times in the agenda's time
 * zone with its VTIMEZONE when ical4j knows it, UTC otherwise.
 */
@Component
class AgendaCalendar {

    static final String MEDIA_TYPE = "text/calendar";
    private static final String PRODUCT = "-//AIC Platform//Agendas//EN";

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    String render(AgendaView agenda, List<AgendaView.SessionView> sessions) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        TimeZone zone = zone(agenda.timeZone());
        if (zone != null) {
            calendar.add(zone.getVTimeZone());
        }
        sessions.stream()
                .filter(AgendaView.SessionView::placed)
                .forEach(session -> calendar.add(vevent(agenda, session, zone)));
        return calendar.toString();
    }

    private static VEvent vevent(AgendaView agenda, AgendaView.SessionView session, TimeZone zone) {
        VEvent vevent;
        if (zone == null) {
            vevent = new VEvent(session.startsAt(), session.endsAt(), session.title());
        } else {
            ZoneId id = ZoneId.of(agenda.timeZone());
            vevent =
                    new VEvent(
                            ZonedDateTime.ofInstant(session.startsAt(), id),
                            ZonedDateTime.ofInstant(session.endsAt(), id),
                            session.title());
        }
        vevent.add(new Uid(session.sessionId() + "@aic"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, agenda.version())));
        vevent.add(
                agenda.published()
                        ? ImmutableStatus.VEVENT_CONFIRMED
                        : ImmutableStatus.VEVENT_TENTATIVE);
        if (session.summary() != null && !session.summary().isBlank()) {
            vevent.add(new Description(session.summary()));
        }
        if (session.roomName() != null) {
            vevent.add(new Location(session.roomName()));
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
}
