package io.portico.server.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;

/** List pagination through the real SfnClient: opaque tokens that only continue the listing they came from. */
@PorticoTest
class PaginationApiTest {
    private final SfnClient sfn;

    PaginationApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sfn.createActivity(b -> b.name("page-" + n));
        }
    }

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    void listActivities_pagesThroughEveryActivityOnce() {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListActivitiesResponse page = sfn.listActivities(b -> b.maxResults(2).nextToken(next));
            page.activities().stream().map(ActivityListItem::name).forEach(names::add);
            token = page.nextToken();
        } while (token != null);

        assertThat(names).filteredOn(n -> n.startsWith("page-")).containsExactly("page-0", "page-1", "page-2", "page-3",
                "page-4");
    }

    @Test
    void listActivities_forgedToken_isInvalidToken() {
        assertThatThrownBy(() -> sfn.listActivities(b -> b.nextToken("Invalid token")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid Token: 'Invalid token'");
    }

    @Test
    void listStateMachines_tokenOfListActivities_isInvalidToken() {
        String token = sfn.listActivities(b -> b.maxResults(1)).nextToken();

        assertThatThrownBy(() -> sfn.listStateMachines(b -> b.nextToken(token)))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid Token: '" + token + "'");
    }

    @Test
    void listActivities_tamperedToken_isInvalidToken() {
        String token = sfn.listActivities(b -> b.maxResults(1)).nextToken();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> sfn.listActivities(b -> b.maxResults(1).nextToken(tampered)))
                .isInstanceOf(InvalidTokenException.class);
    }
}
