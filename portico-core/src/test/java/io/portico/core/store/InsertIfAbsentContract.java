package io.portico.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.testing.Race;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StoreTransaction#insertIfAbsent}: one statement decides, so concurrent creates cannot both insert. */
public abstract class InsertIfAbsentContract extends StoreContract {

    record Thing(String name, String colour) {
    }

    @BeforeEach
    void schema() {
        store.migrate("insert-test", List.of(Migration.of(1,
                "CREATE TABLE things (scope TEXT NOT NULL, name TEXT NOT NULL, colour TEXT, "
                        + "PRIMARY KEY (scope, name))")));
    }

    private static NewRow thing(String name, String colour) {
        return NewRow.into("things").key("scope", "a").key("name", name).value("colour", colour).build();
    }

    private static Thing map(Row r) {
        return new Thing(r.string("name"), r.string("colour"));
    }

    private List<Thing> things() {
        return store.read(tx -> tx.query("SELECT * FROM things ORDER BY name", InsertIfAbsentContract::map));
    }

    private Insertion<Thing> insert(NewRow row) {
        return store.write(tx -> tx.insertIfAbsent(row, InsertIfAbsentContract::map));
    }

    @Test
    void insertIfAbsent_newKey_insertsTheRow() {
        Insertion<Thing> result = insert(thing("x", "red"));

        assertThat(result).isEqualTo(new Insertion.Inserted<Thing>());
        assertThat(things())
                .containsExactly(new Thing("x", "red"));
    }

    @Test
    void insertIfAbsent_existingKey_returnsTheExistingRowUnchanged() {
        store.write(tx -> tx.insertIfAbsent(thing("x", "red"), InsertIfAbsentContract::map));

        Insertion<Thing> second = insert(thing("x", "blue"));

        assertThat(second).isEqualTo(new Insertion.Existing<>(new Thing("x", "red")));
        assertThat(things())
                .containsExactly(new Thing("x", "red"));
    }

    @Test
    void insertIfAbsent_nullValue_storesNull() {
        store.write(tx -> tx.insertIfAbsent(thing("x", null), InsertIfAbsentContract::map));

        assertThat(things()).containsExactly(new Thing("x", null));
    }

    @Test
    void insertIfAbsent_sameKeyFromManyThreads_exactlyOneInserts() throws Exception {
        int racers = 32;
        List<Race.Outcome<Insertion<Thing>>> outcomes = Race.run(racers, i -> () -> insert(thing("x", "colour-" + i)));

        Thing winner = things().get(0);
        assertThat(Race.failures(outcomes)).isEmpty();
        assertThat(Race.values(outcomes)).filteredOn(o -> o instanceof Insertion.Inserted).hasSize(1);
        assertThat(Race.values(outcomes)).filteredOn(o -> o instanceof Insertion.Existing)
                .hasSize(racers - 1)
                .allSatisfy(o -> assertThat(o).isEqualTo(new Insertion.Existing<>(winner)));
    }

    @Test
    void insertIfAbsent_rolledBackUnit_leavesNoRow() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertIfAbsent(thing("x", "red"), InsertIfAbsentContract::map);
            throw new IllegalStateException("create failed after the insert");
        })).hasMessage("create failed after the insert");

        assertThat(insert(thing("x", "blue"))).isInstanceOf(Insertion.Inserted.class);
    }
}
