package dev.aic.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.privacy.DataSubject;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.privacy.WhenErased;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PersonalFieldsTest {

    record Nameless(@PersonalData String name) {}

    record TwoPeople(
            @DataSubject UserId one, @DataSubject UserId other, @PersonalData String name) {}

    @Test
    void everyDomainEventWithPersonalDataNamesWhoseItIs() {
        Stream.of(UserEvent.class, CommunityEventEvent.class, DocumentEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .forEach(
                        type ->
                                PersonalFields.of(type)
                                        .ifPresent(
                                                fields ->
                                                        assertThat(fields.subject())
                                                                .as(type.getName())
                                                                .isNotBlank()));
    }

    @Test
    void theProfileNamesItsPersonalFieldsAndWhatTheyBecome() {
        assertThat(PersonalFields.of(UserEvent.ProfileUpdated.class))
                .hasValue(
                        new PersonalFields(
                                "userId",
                                Map.of(
                                        "displayName",
                                        WhenErased.ERASED_MEMBER,
                                        "bio",
                                        WhenErased.NULL,
                                        "interests",
                                        WhenErased.EMPTY_LIST,
                                        "avatarRef",
                                        WhenErased.NULL)));
        assertThat(PersonalFields.of(CommunityEventEvent.RsvpConfirmed.class)).isEmpty();
    }

    @Test
    void personalDataMustNameExactlyOnePerson() {
        assertThatThrownBy(() -> PersonalFields.of(Nameless.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no @DataSubject");
        assertThatThrownBy(() -> PersonalFields.of(TwoPeople.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than one");
    }
}
