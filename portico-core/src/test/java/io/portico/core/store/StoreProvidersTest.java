package io.portico.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StoreProvidersTest {

    private final List<StoreUrl> opened = new ArrayList<>();

    @Test
    void open_knownScheme_handsTheParsedUrlToItsProvider() {
        StoreProviders providers = StoreProviders.of(List.of(provider("memory"), provider("sqlite")));

        Store store = providers.open("SQLite:/data/portico.db");

        assertThat(opened).containsExactly(new StoreUrl("sqlite", "/data/portico.db"));
        assertThat(store.describe()).isEqualTo("sqlite:/data/portico.db");
    }

    @Test
    void open_unknownScheme_namesTheSchemesAvailable() {
        StoreProviders providers = StoreProviders.of(List.of(provider("sqlite"), provider("memory")));

        assertThatThrownBy(() -> providers.open("postgresql://db.example/portico"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown store scheme 'postgresql' in 'postgresql://db.example/portico'; available: memory, sqlite");
        assertThat(opened).isEmpty();
    }

    @Test
    void check_noScheme_explainsTheForm() {
        StoreProviders providers = StoreProviders.of(List.of(provider("sqlite")));

        assertThatThrownBy(() -> providers.check("/data/portico.db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a store URL")
                .hasMessageContaining("sqlite:");
        assertThatThrownBy(() -> providers.check("sqlite:"))
                .hasMessageContaining("names no location");
    }

    @Test
    void of_twoProvidersForOneScheme_isRefused() {
        assertThatThrownBy(() -> StoreProviders.of(List.of(provider("sqlite"), provider("sqlite"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two store providers for scheme 'sqlite'");
    }

    @Test
    void installed_withoutImplementationsOnTheClassPath_knowsNoScheme() {
        // portico-core's own tests have no store module on their class path
        assertThat(StoreProviders.installed().schemes()).isEmpty();
        assertThatThrownBy(() -> StoreProviders.installed().check("sqlite:x.db")).hasMessageEndingWith("available: none");
    }

    private StoreProvider provider(String scheme) {
        return new StoreProvider() {
            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public Store open(StoreUrl url) {
                opened.add(url);
                return new DescribedStore(url.toString());
            }
        };
    }

    /** A store that only describes itself. */
    private record DescribedStore(String describe) implements Store {
        @Override
        public <T> T write(Function<StoreTransaction, T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T read(Function<StoreTransaction, T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void migrate(String module, List<Migration> migrations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
