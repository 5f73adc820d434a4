package io.portico.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.paging.InvalidPageTokenException.Reason;
import io.portico.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final PageScope MACHINES = PageScope.of("states", "ListStateMachines", "000000000000", "us-east-1");

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PageTokens tokens = PageTokens.withKey(KEY, clock, Duration.ofHours(24));

    @Test
    void decode_ofEncodedOffset_givesTheOffset() {
        String token = tokens.encode(MACHINES, PageCursor.offset(100));

        assertThat(tokens.decode(MACHINES, token)).isEqualTo(PageCursor.offset(100));
        assertThat(tokens.offset(MACHINES, token)).isEqualTo(100);
    }

    @Test
    void decode_ofEncodedKey_givesTheKey() {
        String token = tokens.encode(MACHINES, PageCursor.after("machine-é:42"));

        assertThat(tokens.decode(MACHINES, token)).isEqualTo(PageCursor.after("machine-é:42"));
    }

    @Test
    void encode_isBase64UrlAndShort() {
        String token = tokens.encode(MACHINES, PageCursor.offset(7));

        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(64);
    }

    @Test
    void decode_garbage_isMalformed() {
        assertRefused(MACHINES, "Invalid token", Reason.MALFORMED);
        assertRefused(MACHINES, "", Reason.MALFORMED);
        assertRefused(MACHINES, "cDox", Reason.MALFORMED); // the old unauthenticated "p:1" token
    }

    @Test
    void decode_tamperedToken_isForeign() {
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.encode(MACHINES, PageCursor.offset(1)));
        bytes[13] ^= 1; // the offset's last byte: 1 becomes 0

        assertRefused(MACHINES, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), Reason.FOREIGN);
    }

    @Test
    void decode_tokenOfAnotherScope_isForeign() {
        String token = tokens.encode(MACHINES, PageCursor.offset(1));

        assertRefused(PageScope.of("states", "ListActivities", "000000000000", "us-east-1"), token, Reason.FOREIGN);
        assertRefused(PageScope.of("states", "ListStateMachines", "111111111111", "us-east-1"), token, Reason.FOREIGN);
        assertRefused(PageScope.of("states", "ListStateMachines", "000000000000", "eu-west-1"), token, Reason.FOREIGN);
        assertRefused(PageScope.of("lambda", "ListStateMachines", "000000000000", "us-east-1"), token, Reason.FOREIGN);
        assertRefused(PageScope.of("states", "ListStateMachines", "000000000000", "us-east-1", "status=RUNNING"),
                token, Reason.FOREIGN);
    }

    @Test
    void decode_tokenOfAnotherKey_isForeign() {
        PageTokens other = PageTokens.withKey("another key, another store.....".getBytes(StandardCharsets.US_ASCII),
                clock, Duration.ofHours(24));

        assertRefused(MACHINES, other.encode(MACHINES, PageCursor.offset(1)), Reason.FOREIGN);
    }

    @Test
    void decode_afterValidity_isExpired() {
        String token = tokens.encode(MACHINES, PageCursor.offset(1));
        clock.advance(Duration.ofHours(24));
        assertThat(tokens.offset(MACHINES, token)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));

        assertRefused(MACHINES, token, Reason.EXPIRED);
    }

    @Test
    void offset_ofKeyToken_isMalformed() {
        String token = tokens.encode(MACHINES, PageCursor.after("k"));

        assertThatThrownBy(() -> tokens.offset(MACHINES, token))
                .isInstanceOfSatisfying(InvalidPageTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void page_walksTheWholeListing_inOrder() {
        List<Integer> items = IntStream.range(0, 25).boxed().toList();

        Page<Integer> first = tokens.page(MACHINES, 0, items, 10);
        Page<Integer> second = tokens.page(MACHINES, tokens.offset(MACHINES, first.nextToken().orElseThrow()), items, 10);
        Page<Integer> third = tokens.page(MACHINES, tokens.offset(MACHINES, second.nextToken().orElseThrow()), items, 10);

        assertThat(first.items()).containsExactlyElementsOf(items.subList(0, 10));
        assertThat(second.items()).containsExactlyElementsOf(items.subList(10, 20));
        assertThat(third.items()).containsExactlyElementsOf(items.subList(20, 25));
        assertThat(third.nextToken()).isEmpty();
    }

    @Test
    void page_exactlyFull_hasNoNextToken() {
        Page<Integer> page = tokens.page(MACHINES, 0, List.of(1, 2, 3), 3);

        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void page_offsetPastTheEnd_isEmptyAndLast() {
        Page<Integer> page = tokens.page(MACHINES, 10, List.of(1, 2, 3), 3);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    private void assertRefused(PageScope scope, String token, Reason reason) {
        assertThatThrownBy(() -> tokens.decode(scope, token))
                .isInstanceOfSatisfying(InvalidPageTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.token()).isEqualTo(token);
                });
    }
}
