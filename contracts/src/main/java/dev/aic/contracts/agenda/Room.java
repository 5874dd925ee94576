package dev.aic.contracts.agenda;

import java.util.List;
import java.util.UUID;

/**
 * A room of the agenda: how many it seats and what it is equipped with (e.g. {@code projector}).
 */
public record Room(UUID roomId, String name, int capacity, List<String> equipment) {

    public Room {
        equipment = equipment == null ? List.of() : List.copyOf(equipment);
    }
}
