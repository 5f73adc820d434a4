package io.portico.core.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a store lives, written as a URL whose scheme names the implementation: {@code sqlite:<path>}
 * (a file), later {@code postgresql://host/db}. The {@code location} is everything after the first
 * colon, left for the {@link StoreProvider} of that scheme to interpret. Immutable; no component is null.
 *
 * @param scheme the implementation's name, lower case ({@code sqlite})
 * @param location the rest of the URL ({@code /data/portico.db}, {@code //host:5432/portico})
 */
public record StoreUrl(String scheme, String location) {
    private static final String SCHEME = "[a-zA-Z][a-zA-Z0-9+.-]*";
    private static final Pattern URL = Pattern.compile("(" + SCHEME + "):(.*)", Pattern.DOTALL);

    public StoreUrl {
        if (!scheme.matches(SCHEME)) {
            throw new IllegalArgumentException("not a store URL scheme: '" + scheme + "'");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (location.isEmpty()) {
            throw new IllegalArgumentException("store URL '" + scheme + ":' names no location");
        }
    }

    /**
     * Parses {@code scheme:location}.
     *
     * @throws IllegalArgumentException if {@code text} has no scheme or no location
     */
    public static StoreUrl parse(String text) {
        Matcher m = URL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a store URL: write <scheme>:<location>,"
                    + " for example sqlite:/var/lib/portico/portico.db");
        }
        return new StoreUrl(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
        return scheme + ":" + location;
    }
}
