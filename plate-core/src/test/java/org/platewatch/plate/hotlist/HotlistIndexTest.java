package org.platewatch.plate.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.platewatch.plate.UsState.CA;
import static org.platewatch.plate.UsState.NV;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.UsState;

class HotlistIndexTest {

    private static HotlistEntry entry(long id, String pattern, UsState state) {
        return new HotlistEntry(id, "svs", pattern, state, "stolen vehicle");
    }

    private static HotlistIndex index(HotlistEntry... entries) {
        return HotlistIndex.build(List.of(entries));
    }

    @Test
    void samePlateAndStateIsAnExactPlainHit() {
        List<HotlistMatch> matches = index(entry(1, "7ABC123", CA)).match("7ABC123", CA);

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.EXACT);
            assertThat(m.state()).isEqualTo(StateAgreement.SAME);
            assertThat(m.isPlainHit()).isTrue();
            assertThat(m.entry().id()).isEqualTo(1);
        });
    }

    @Test
    void samePlateOtherStateIsAStateMismatchNeverAPlainHit() {
        List<HotlistMatch> matches = index(entry(1, "7ABC123", CA)).match("7ABC123", NV);

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.STATE_MISMATCH);
            assertThat(m.state()).isEqualTo(StateAgreement.DIFFERENT);
            assertThat(m.isPlainHit()).isFalse();
        });
    }

    @Test
    void samePlateReadWithoutStateIsStateUnknown() {
        assertThat(index(entry(1, "7ABC123", CA)).match("7ABC123", null))
                .extracting(HotlistMatch::kind, HotlistMatch::state)
                .containsExactly(tuple(MatchKind.STATE_UNKNOWN, StateAgreement.READ_HAS_NO_STATE));
    }

    @Test
    void entryWithoutStateMatchesAnyStateAsExactAndSaysSo() {
        HotlistIndex index = index(entry(1, "7ABC123", null));

        for (UsState read : new UsState[] {CA, NV, null}) {
            assertThat(index.match("7ABC123", read))
                    .extracting(HotlistMatch::kind, HotlistMatch::state)
                    .containsExactly(tuple(MatchKind.EXACT, StateAgreement.ENTRY_ANY_STATE));
        }
    }

    @Test
    void confusableCharactersMatchAndCarryTheStateAgreement() {
        HotlistIndex index = index(entry(1, "7ABC123", CA));

        assertThat(index.match("7A8C123", CA))
                .extracting(HotlistMatch::kind, HotlistMatch::state, HotlistMatch::isPlainHit)
                .containsExactly(tuple(MatchKind.CONFUSABLE, StateAgreement.SAME, false));
        assertThat(index.match("7A8CIZ3", NV))
                .extracting(HotlistMatch::kind, HotlistMatch::state)
                .containsExactly(tuple(MatchKind.CONFUSABLE, StateAgreement.DIFFERENT));
        assertThat(index.match("7A8C123", null))
                .extracting(HotlistMatch::state)
                .containsExactly(StateAgreement.READ_HAS_NO_STATE);
    }

    @Test
    void everyConfusableClassFoldsBothWays() {
        String[] classes = {"0ODQ", "1IL", "8B", "5S", "2Z", "6G"};
        for (String members : classes) {
            for (char listed : members.toCharArray()) {
                HotlistIndex index = index(entry(1, "AB" + listed + "123", CA));
                for (char read : members.toCharArray()) {
                    MatchKind expected = read == listed ? MatchKind.EXACT : MatchKind.CONFUSABLE;
                    assertThat(index.match("AB" + read + "123", CA))
                            .as("entry %s, read %s", listed, read)
                            .extracting(HotlistMatch::kind)
                            .containsExactly(expected);
                }
            }
        }
    }

    @Test
    void charactersFromDifferentClassesDoNotMatch() {
        HotlistIndex index = index(entry(1, "AB0123", CA));

        assertThat(index.match("AB8123", CA)).isEmpty();
        assertThat(index.match("AB1123", CA)).isEmpty();
        assertThat(index.match("AB7123", CA)).isEmpty();
        assertThat(ConfusableCharacters.confusable("5SZ2", "S522")).isTrue();
        assertThat(ConfusableCharacters.canonical("7BOS123")).isEqualTo("7805123");
    }

    @Test
    void anExactMatchIsNotAlsoReportedAsConfusable() {
        HotlistIndex index = index(entry(1, "7ABC123", CA), entry(2, "7A8C123", CA));

        assertThat(index.match("7ABC123", CA))
                .extracting(m -> m.entry().id(), HotlistMatch::kind)
                .containsExactly(tuple(1L, MatchKind.EXACT), tuple(2L, MatchKind.CONFUSABLE));
    }

    @Test
    void everyMatchingEntryIsReportedStrongestFirst() {
        HotlistIndex index = index(
                entry(5, "7AB*", null),
                entry(4, "7A8C123", CA),
                entry(3, "7ABC123", NV),
                new HotlistEntry(2, "ncic", "7ABC123", null, "wanted person"),
                entry(1, "7ABC123", CA));

        assertThat(index.match("7ABC123", CA))
                .extracting(m -> m.entry().id(), HotlistMatch::kind)
                .containsExactly(
                        tuple(1L, MatchKind.EXACT),
                        tuple(2L, MatchKind.EXACT),
                        tuple(3L, MatchKind.STATE_MISMATCH),
                        tuple(4L, MatchKind.CONFUSABLE),
                        tuple(5L, MatchKind.PARTIAL));
    }

    @Test
    void questionMarkStandsForExactlyOneCharacter() {
        HotlistIndex index = index(new HotlistEntry(9, "custom", "7AB?12?", CA, "BOLO: robbery"));

        assertThat(index.match("7ABC123", CA))
                .extracting(HotlistMatch::kind, HotlistMatch::state)
                .containsExactly(tuple(MatchKind.PARTIAL, StateAgreement.SAME));
        assertThat(index.match("7ABX12Y", NV))
                .extracting(HotlistMatch::kind, HotlistMatch::state)
                .containsExactly(tuple(MatchKind.PARTIAL, StateAgreement.DIFFERENT));
        assertThat(index.match("7ABC12", CA)).isEmpty();
        assertThat(index.match("7ABC1234", CA)).isEmpty();
        assertThat(index.match("7ABCC123", CA)).isEmpty();
    }

    @Test
    void starStandsForAnyRunIncludingNone() {
        HotlistIndex index = index(new HotlistEntry(9, "custom", "*ABC*9", null, "BOLO"));

        assertThat(index.match("ABC9", CA)).extracting(HotlistMatch::kind).containsExactly(MatchKind.PARTIAL);
        assertThat(index.match("7ABC129", CA)).extracting(HotlistMatch::kind).containsExactly(MatchKind.PARTIAL);
        assertThat(index.match("XXABCABC9", CA)).hasSize(1);
        assertThat(index.match("7ABC1290", CA)).isEmpty();
        assertThat(index.match("7AB129", CA)).isEmpty();
    }

    @Test
    void noFalsePositivesOnPrefixesOrLongerPlates() {
        HotlistIndex index = index(entry(1, "7ABC12", CA), entry(2, "7ABC1234", CA));

        assertThat(index.match("7ABC123", CA)).isEmpty();
        assertThat(index.match("ABC12", CA)).isEmpty();
        assertThat(index.match("", CA)).isEmpty();
        assertThat(index.match("7ABC12345678", CA)).isEmpty();
    }

    @Test
    void aListedPlateDoesNotMatchItsPrefixOrExtension() {
        HotlistIndex index = index(entry(1, "7ABC123", CA));

        assertThat(index.match("7ABC12", CA)).isEmpty();
        assertThat(index.match("7ABC1234", CA)).isEmpty();
        assertThat(index.match("ABC123", CA)).isEmpty();
        assertThat(index.match("7A8C12", CA)).as("confusable prefix").isEmpty();
    }

    @Test
    void partialEntriesReportStateAgreementToo() {
        HotlistIndex index = index(new HotlistEntry(9, "custom", "7AB?123", CA, "BOLO"));

        assertThat(index.match("7ABX123", null))
                .extracting(HotlistMatch::kind, HotlistMatch::state, HotlistMatch::isPlainHit)
                .containsExactly(tuple(MatchKind.PARTIAL, StateAgreement.READ_HAS_NO_STATE, false));
    }

    @Test
    void aReadThatMatchesNothingGetsTheSharedEmptyList() {
        HotlistIndex index = index(entry(1, "7ABC123", CA), new HotlistEntry(2, "custom", "8X?Y*", null, "BOLO"));

        assertThat(index.match("1XYZ999", CA))
                .isSameAs(index.match("2XYZ999", null))
                .isEmpty();
    }

    @Test
    void unnormalisedReadTextIsNormalisedFirst() {
        HotlistIndex index = index(entry(1, "7ABC123", CA));

        assertThat(index.match(" 7abc-123 ", CA)).extracting(HotlistMatch::kind).containsExactly(MatchKind.EXACT);
        assertThat(index.match("7ABC·123", CA)).extracting(HotlistMatch::kind).containsExactly(MatchKind.EXACT);
    }

    @Test
    void entryPatternsAreNormalisedOnConstruction() {
        assertThat(new HotlistEntry(1, "svs", " 7abc-123 ", CA, "x").platePattern())
                .isEqualTo("7ABC123");
        assertThat(new HotlistEntry(1, "custom", "7a b**?", CA, "x").platePattern())
                .isEqualTo("7AB*?");
    }

    @Test
    void buildCopiesItsInput() {
        List<HotlistEntry> source = new ArrayList<>(List.of(entry(1, "7ABC123", CA)));
        HotlistIndex index = HotlistIndex.build(source);

        source.clear();
        source.add(entry(2, "9XYZ999", CA));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.match("7ABC123", CA)).hasSize(1);
        assertThat(index.match("9XYZ999", CA)).isEmpty();
    }

    @Test
    void manyEntriesAllFindable() {
        List<HotlistEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            entries.add(entry(i, String.format("%dXYZ%03d", i / 1000 % 10, i % 1000) + (char) ('A' + i / 10_000), CA));
        }
        HotlistIndex index = HotlistIndex.build(entries);

        assertThat(index.size()).isEqualTo(50_000);
        for (HotlistEntry e : entries) {
            assertThat(index.match(e.platePattern(), CA))
                    .filteredOn(HotlistMatch::isPlainHit)
                    .extracting(m -> m.entry().id())
                    .containsExactly(e.id());
        }
    }

    @Test
    void rejectsWhatCannotBeMatchedSafely() {
        List<HotlistEntry> twins = List.of(entry(1, "7ABC123", CA), entry(1, "7ABC124", CA));
        assertThatThrownBy(() -> HotlistIndex.build(twins)).hasMessageContaining("share id 1");
        assertThatThrownBy(() -> entry(1, "*", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry(1, "7?*", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry(1, "--", CA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry(1, "ABCDEFGHIJK", CA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HotlistEntry(1, " ", "7ABC123", CA, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesKeepPlateTextOutOfTheirStringForm() {
        assertThat(entry(42, "7ABC123", CA).toString())
                .doesNotContain("7ABC123")
                .contains("42");
    }

    @Test
    void theEmptyIndexMatchesNothing() {
        assertThat(HotlistIndex.empty().match("7ABC123", CA)).isEmpty();
        assertThat(HotlistIndex.empty().size()).isZero();
    }
}
