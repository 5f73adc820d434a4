package io.portico.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.StoreContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one tag table: tag, untag, list, limits, delete with the resource, inside a caller's transaction. */
public abstract class TagTableContract extends StoreContract {
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";

    private TagTable tags;

    @BeforeEach
    void openTags() {
        tags = TagTable.of(store);
        tags.migrate();
    }

    @Test
    void list_untaggedResource_isEmpty() {
        assertThat(tags.list(MACHINE)).isEmpty();
    }

    @Test
    void tag_thenList_givesTagsSortedByKey() {
        tags.tag(MACHINE, Map.of("team", "a", "env", "prod", "Cost", "1"), 50);

        assertThat(tags.list(MACHINE)).containsExactly(Map.entry("Cost", "1"), Map.entry("env", "prod"),
                Map.entry("team", "a"));
    }

    @Test
    void tag_existingKey_overwritesItsValue() {
        tags.tag(MACHINE, Map.of("env", "dev"), 50);

        tags.tag(MACHINE, Map.of("env", "prod"), 50);

        assertThat(tags.list(MACHINE)).containsExactly(Map.entry("env", "prod"));
    }

    @Test
    void tag_keepsResourcesApart() {
        tags.tag(MACHINE, Map.of("k", "machine"), 50);
        tags.tag(FUNCTION, Map.of("k", "function"), 50);

        assertThat(tags.list(MACHINE)).containsExactly(Map.entry("k", "machine"));
        assertThat(tags.list(FUNCTION)).containsExactly(Map.entry("k", "function"));
    }

    @Test
    void tag_emptyValue_isKept() {
        tags.tag(MACHINE, Map.of("key1", ""), 50);

        assertThat(tags.list(MACHINE)).containsExactly(Map.entry("key1", ""));
    }

    @Test
    void tag_overLimit_throwsAndWritesNothing() {
        tags.tag(MACHINE, numbered(0, 49), 50);

        assertThatThrownBy(() -> tags.tag(MACHINE, numbered(49, 51), 50))
                .isInstanceOfSatisfying(TagLimitExceededException.class, e -> {
                    assertThat(e.resourceArn()).isEqualTo(MACHINE);
                    assertThat(e.limit()).isEqualTo(50);
                    assertThat(e.wouldHave()).isEqualTo(51);
                });
        assertThat(tags.list(MACHINE)).hasSize(49).doesNotContainKey("k49");
    }

    @Test
    void tag_overwritingKeysAtTheLimit_isAllowed() {
        tags.tag(MACHINE, numbered(0, 50), 50);

        tags.tag(MACHINE, Map.of("k0", "changed"), 50);

        assertThat(tags.list(MACHINE)).hasSize(50).containsEntry("k0", "changed");
    }

    @Test
    void untag_removesOnlyTheNamedKeys_andIgnoresUnknownOnes() {
        tags.tag(MACHINE, Map.of("a", "1", "b", "2", "c", "3"), 50);

        tags.untag(MACHINE, List.of("a", "c", "nope"));

        assertThat(tags.list(MACHINE)).containsExactly(Map.entry("b", "2"));
    }

    @Test
    void deleteAll_removesEveryTagOfTheResourceOnly() {
        tags.tag(MACHINE, Map.of("a", "1", "b", "2"), 50);
        tags.tag(FUNCTION, Map.of("a", "1"), 50);

        tags.deleteAll(MACHINE);

        assertThat(tags.list(MACHINE)).isEmpty();
        assertThat(tags.list(FUNCTION)).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void in_tagsWrittenInAFailedTransaction_areRolledBack() {
        assertThatThrownBy(() -> store.write(tx -> {
            tags.in(tx).tag(MACHINE, Map.of("a", "1"), 50);
            throw new IllegalStateException("the create failed");
        })).hasMessage("the create failed");

        assertThat(tags.list(MACHINE)).isEmpty();
    }

    @Test
    void in_seesTheTransactionsOwnTags() {
        Map<String, String> seen = store.write(tx -> {
            tags.in(tx).tag(MACHINE, Map.of("a", "1"), 50);
            return tags.in(tx).list(MACHINE);
        });

        assertThat(seen).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void tags_surviveReopen() {
        tags.tag(MACHINE, Map.of("a", "1"), 50);

        reopen();

        TagTable reopened = TagTable.of(store);
        reopened.migrate();

        assertThat(reopened.list(MACHINE)).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void list_returnsAMutableCopy() {
        tags.tag(MACHINE, Map.of("a", "1"), 50);

        Map<String, String> listed = tags.list(MACHINE);
        listed.put("b", "2");

        assertThat(tags.list(MACHINE)).containsExactly(Map.entry("a", "1"));
    }

    private static Map<String, String> numbered(int from, int to) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            tags.put("k" + i, "v" + i);
        }
        return tags;
    }
}
