package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SDK's Enhanced Client with a @DynamoDbBean: create the table, put, get, query and scan. */
@PorticoTest
class EnhancedClientTest {
    @AutoClose
    private final DynamoDbClient ddb;

    EnhancedClientTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    /** An order line, as an application maps it. */
    @DynamoDbBean
    public static class OrderLine {
        private String orderId;
        private int line;
        private String product;
        private double price;

        @DynamoDbPartitionKey
        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }

        @DynamoDbSortKey
        public int getLine() {
            return line;
        }

        public void setLine(int line) {
            this.line = line;
        }

        public String getProduct() {
            return product;
        }

        public void setProduct(String product) {
            this.product = product;
        }

        public double getPrice() {
            return price;
        }

        public void setPrice(double price) {
            this.price = price;
        }

        static OrderLine of(String orderId, int line, String product, double price) {
            OrderLine o = new OrderLine();
            o.setOrderId(orderId);
            o.setLine(line);
            o.setProduct(product);
            o.setPrice(price);
            return o;
        }
    }

    @Test
    void beanTable_putGetQueryScan() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        DynamoDbTable<OrderLine> lines = enhanced.table("order-lines", TableSchema.fromBean(OrderLine.class));
        lines.createTable();
        ddb.waiter().waitUntilTableExists(r -> r.tableName("order-lines"));

        lines.putItem(OrderLine.of("o1", 2, "pen", 1.5));
        lines.putItem(OrderLine.of("o1", 1, "book", 12.25));
        lines.putItem(OrderLine.of("o2", 1, "ink", 3));

        OrderLine got = lines.getItem(Key.builder().partitionValue("o1").sortValue(1).build());
        assertThat(got.getProduct()).isEqualTo("book");
        assertThat(got.getPrice()).isEqualTo(12.25);

        List<String> o1 = lines.query(QueryConditional.keyEqualTo(k -> k.partitionValue("o1"))).items().stream()
                .map(OrderLine::getProduct).toList();
        assertThat(o1).containsExactly("book", "pen");
        assertThat(lines.scan().items().stream().count()).isEqualTo(3);
    }
}
