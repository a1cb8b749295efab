package org.fourinone.local;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdNumbersTest {

    @Test
    void computesTheCheckCharOfTheStandardsExample() {
        // GB 11643-1999 appendix example: 11010519491231002X
        assertThat(IdNumbers.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(IdNumbers.isValid("11010519491231002X")).isTrue();
    }

    @Test
    void computesCheckCharsOfKnownNumbers() {
        assertThat(IdNumbers.checkChar("44052418800101001")).isEqualTo('4');
        assertThat(IdNumbers.checkChar("11010119900307867")).isEqualTo('0');
    }

    @Test
    void rejectsIdNumberWithBadChecksum() {
        assertThat(IdNumbers.isValid("110105194912310021")).isFalse();
        assertThat(IdNumbers.isValid("11010519491231002x")).isFalse();
    }

    @Test
    void rejectsImpossibleBirthDates() {
        String first17 = "11010519490230002";
        assertThat(IdNumbers.isValid(first17 + IdNumbers.checkChar(first17))).isFalse();
    }

    @Test
    void rejectsMalformedInput() {
        assertThat(IdNumbers.isValid(null)).isFalse();
        assertThat(IdNumbers.isValid("1101051949123100")).isFalse();
        assertThatThrownBy(() -> IdNumbers.checkChar("1101051949123100A")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedNumbersAreValidAndCarryTheGender() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            boolean male = i % 2 == 0;
            String id = IdNumbers.random(random, male);
            assertThat(IdNumbers.isValid(id)).as(id).isTrue();
            assertThat((id.charAt(16) - '0') % 2 == 1).as("gender digit of " + id).isEqualTo(male);
        }
    }

    @Test
    void buildsTheNumberFromRegionBirthAndSequence() {
        String id = IdNumbers.of("310104", LocalDate.of(1988, 6, 1), 7, false);
        assertThat(id).startsWith("31010419880601").hasSize(18);
        assertThat(IdNumbers.isValid(id)).isTrue();
    }

    @Test
    void demoPeopleHaveValidIdNumbersAndMobileNumbers() {
        assertThat(DemoData.people()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(person -> {
            assertThat(IdNumbers.isValid(person.idNumber())).as(person.idNumber()).isTrue();
            assertThat(person.phone()).matches("1[3-9]\\d{9}");
        });
        assertThat(DemoData.people()).isEqualTo(DemoData.people());
    }
}
