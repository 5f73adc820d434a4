package io.portico.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewRowTest {

    @Test
    void build_keepsColumnOrderAndKeyValues() {
        NewRow row = NewRow.into("t").value("a", 1).key("k1", "x").value("b", null).key("k2", 2L).build();

        assertThat(row.values().keySet()).containsExactly("a", "k1", "b", "k2");
        assertThat(row.keyValues()).containsExactly("x", 2L);
    }

    @Test
    void build_withoutKey_isRejected() {
        assertThatThrownBy(() -> NewRow.into("t").value("a", 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key column");
    }

    @Test
    void into_identifierWithSql_isRejected() {
        assertThatThrownBy(() -> NewRow.into("t; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifier");
        assertThatThrownBy(() -> NewRow.into("t").key("a=1 OR 1", "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifier");
    }

    @Test
    void key_null_isRejected() {
        assertThatThrownBy(() -> NewRow.into("t").key("k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void value_sameColumnTwice_isRejected() {
        assertThatThrownBy(() -> NewRow.into("t").key("k", "x").value("k", "y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
