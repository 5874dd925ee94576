package dev.aic.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.user.UserEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads an event stored under a class name it no longer has as the class that has its name today;
 * its payload and revision are unchanged. A stored event carries its Java type name ({@code
 * payloadtype}), and stored events are never rewritten, so every rename of an event class is listed
 * here for good (docs/event-evolution.md, "Naming events").
 */
public final class RenamedEventUpcaster extends SingleEventUpcaster {

    /** Former name → today's class. */
    private static final Map<String, Class<?>> RENAMED =
            Map.ofEntries(
                    Map.entry(
                            "dev.aic.contracts.document.DocumentEvent$DocumentUploaded",
                            DocumentEvent.Uploaded.class),
                    Map.entry(
                            "dev.aic.contracts.document.DocumentEvent$DocumentVersionAdded",
                            DocumentEvent.VersionAdded.class),
                    Map.entry(
                            "dev.aic.contracts.document.DocumentEvent$DocumentDeleted",
                            DocumentEvent.Deleted.class),
                    Map.entry("dev.aic.contracts.user.UserRegistered", UserEvent.Registered.class),
                    Map.entry(
                            "dev.aic.contracts.user.UserIdentityLinked",
                            UserEvent.IdentityLinked.class),
                    Map.entry(
                            "dev.aic.contracts.user.UserProfileUpdated",
                            UserEvent.ProfileUpdated.class),
                    Map.entry(
                            "dev.aic.contracts.user.UserRolesChanged",
                            UserEvent.RolesChanged.class),
                    Map.entry(
                            "dev.aic.contracts.user.UserDeactivated", UserEvent.Deactivated.class),
                    Map.entry(
                            "dev.aic.contracts.user.UserReactivated", UserEvent.Reactivated.class),
                    Map.entry(
                            "dev.aic.contracts.user.EmailPreferencesChanged",
                            UserEvent.EmailPreferencesChanged.class),
                    Map.entry("dev.aic.contracts.user.MemberErased", UserEvent.Erased.class));

    /**
     * The name an event stored as {@code storedName} has today, for the readers of raw rows that do
     * not pass through the upcaster chain (a member's data export, the audit's readable payload).
     */
    public static String currentName(String storedName) {
        Class<?> current = RENAMED.get(storedName);
        return current == null ? storedName : current.getName();
    }

    /**
     * The names events of {@code type} (a class name, or its simple name as in {@code Uploaded})
     * were stored under before their class was renamed, for queries over the stored rows; empty for
     * a type never renamed.
     */
    public static List<String> formerNames(String type) {
        return RENAMED.entrySet().stream()
                .filter(
                        renamed ->
                                renamed.getValue().getName().equals(type)
                                        || renamed.getValue().getSimpleName().equals(type))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return RENAMED.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(
            IntermediateEventRepresentation representation) {
        SimpleSerializedType renamed =
                new SimpleSerializedType(
                        currentName(representation.getType().getName()),
                        representation.getType().getRevision());
        return representation.upcastPayload(renamed, JsonNode.class, Function.identity());
    }
}
