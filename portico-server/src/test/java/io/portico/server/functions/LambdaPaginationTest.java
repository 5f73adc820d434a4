package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda's Marker/MaxItems paging on the kit's page tokens: every function once across pages, and a
 * marker that did not come from this listing refused as Lambda refuses it.
 */
@PorticoTest
class LambdaPaginationTest {

    @Test
    void listFunctions_pagesThroughEveryFunctionOnce_andRefusesForeignMarkers(PorticoClients clients) {
        try (LambdaClient lambda = clients.lambda()) {
            byte[] zip = FunctionFixtures.lambdaZipBytes();
            for (int i = 0; i < 5; i++) {
                String name = "paged-" + i;
                lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                        .handler("example.EchoHandler::handleRequest").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
            }
            lambda.publishVersion(b -> b.functionName("paged-0"));
            lambda.createAlias(b -> b.functionName("paged-0").name("a").functionVersion("1"));
            lambda.createAlias(b -> b.functionName("paged-0").name("b").functionVersion("1"));

            List<String> seen = new ArrayList<>();
            String marker = null;
            int pages = 0;
            do {
                String from = marker;
                ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(2).marker(from));
                page.functions().stream().map(FunctionConfiguration::functionName).forEach(seen::add);
                marker = page.nextMarker();
                pages++;
            } while (marker != null);
            String aliasMarker = lambda.listAliases(b -> b.functionName("paged-0").maxItems(1)).nextMarker();

            assertThat(seen).filteredOn(n -> n.startsWith("paged-")).containsExactlyInAnyOrder(
                    "paged-0", "paged-1", "paged-2", "paged-3", "paged-4");
            assertThat(seen).doesNotHaveDuplicates();
            assertThat(pages).isGreaterThanOrEqualTo(3);
            assertThat(aliasMarker).isNotNull();
            assertThatThrownBy(() -> lambda.listFunctions(b -> b.maxItems(2).marker(aliasMarker)))
                    .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Invalid Marker");
            assertThatThrownBy(() -> lambda.listFunctions(b -> b.marker("forged")))
                    .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Invalid Marker: forged");
        }
    }
}
