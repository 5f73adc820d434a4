package io.portico.tables.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyEncodingTest {

    private static final Comparator<byte[]> MEMCMP = Arrays::compareUnsigned;

    @Test
    void encodeNumber_bytewiseOrderIsNumericOrder_randomNumbers() {
        Random random = new Random(20261202L);
        List<DynamoNumber> numbers = new ArrayList<>(edges());
        for (int i = 0; i < 20_000; i++) {
            numbers.add(randomNumber(random));
        }
        for (int i = 0; i < 200_000; i++) {
            DynamoNumber a = numbers.get(random.nextInt(numbers.size()));
            DynamoNumber b = numbers.get(random.nextInt(numbers.size()));
            int numeric = Integer.signum(a.value().compareTo(b.value()));
            int bytewise = Integer.signum(MEMCMP.compare(KeyEncoding.encodeNumber(a), KeyEncoding.encodeNumber(b)));
            assertThat(bytewise).as("%s vs %s", a, b).isEqualTo(numeric);
        }
    }

    @Test
    void encodeNumber_sortedEncodingsAreSortedNumbers() {
        List<DynamoNumber> numbers = new ArrayList<>(edges());
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            numbers.add(randomNumber(random));
        }
        List<DynamoNumber> byBytes = new ArrayList<>(numbers);
        byBytes.sort(Comparator.comparing(KeyEncoding::encodeNumber, MEMCMP));
        List<DynamoNumber> byValue = new ArrayList<>(numbers);
        byValue.sort(Comparator.naturalOrder());
        assertThat(byBytes).isEqualTo(byValue);
    }

    @Test
    void decodeNumber_readsBackEveryEncoding() {
        Random random = new Random(11);
        List<DynamoNumber> numbers = new ArrayList<>(edges());
        for (int i = 0; i < 5_000; i++) {
            numbers.add(randomNumber(random));
        }
        for (DynamoNumber number : numbers) {
            assertThat(KeyEncoding.decodeNumber(KeyEncoding.encodeNumber(number))).isEqualTo(number);
        }
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource(delimiter = '|', value = {"a|b", "a|aa", "Z|a", "a|é", "é|😀", "|a", "ab|b"})
    void encode_stringsOrderByUtf8Bytes(String smaller, String larger) {
        byte[] a = KeyEncoding.encode(new AttributeValue.S(smaller == null ? "" : smaller));
        byte[] b = KeyEncoding.encode(new AttributeValue.S(larger));
        assertThat(MEMCMP.compare(a, b)).isNegative();
    }

    @Test
    void encode_binaryIsUnsignedBytewise() {
        byte[] low = KeyEncoding.encode(AttributeValue.b((byte) 0x01));
        byte[] high = KeyEncoding.encode(AttributeValue.b((byte) 0xFF));
        byte[] longer = KeyEncoding.encode(AttributeValue.b((byte) 0x01, (byte) 0x00));
        assertThat(MEMCMP.compare(low, high)).isNegative();
        assertThat(MEMCMP.compare(low, longer)).isNegative();
        assertThat(Bytes.of((byte) 0x01).compareTo(Bytes.of((byte) 0xFF))).isNegative();
    }

    @ParameterizedTest(name = "[{index}] {0} then {1}")
    @CsvSource({"B,B", "N,B", "B,N", "S,S"})
    void encodeDelimited_pairsSortAsTheirValuesFirstByFirst(String firstType, String secondType) {
        Random random = new Random(3);
        List<AttributeValue[]> pairs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            pairs.add(new AttributeValue[] {randomKey(random, firstType), randomKey(random, secondType)});
        }
        for (int i = 0; i < 60_000; i++) {
            AttributeValue[] a = pairs.get(random.nextInt(pairs.size()));
            AttributeValue[] b = pairs.get(random.nextInt(pairs.size()));
            int expected = Comparisons.order(a[0], b[0]).orElseThrow();
            if (expected == 0) {
                expected = Comparisons.order(a[1], b[1]).orElseThrow();
            }
            int bytewise = MEMCMP.compare(KeyEncoding.encodeDelimited(a), KeyEncoding.encodeDelimited(b));
            assertThat(Integer.signum(bytewise)).as("%s vs %s", List.of(a), List.of(b))
                    .isEqualTo(Integer.signum(expected));
        }
    }

    /** Numbers, or strings and binaries heavy in 0x00 and 0xFF, the bytes the escape is about. */
    private static AttributeValue randomKey(Random random, String type) {
        if (type.equals("N")) {
            return new AttributeValue.N(randomNumber(random));
        }
        byte[] bytes = new byte[random.nextInt(4)];
        for (int i = 0; i < bytes.length; i++) {
            int pick = random.nextInt(4);
            bytes[i] = (byte) (pick == 0 ? 0x00 : pick == 1 ? 0xFF : pick == 2 ? 0x01 : random.nextInt(256));
        }
        if (type.equals("S")) {
            StringBuilder text = new StringBuilder();
            for (byte b : bytes) {
                text.append(b == (byte) 0xFF ? "\u00ff" : String.valueOf((char) (b & 0x7F)));
            }
            return new AttributeValue.S(text.toString());
        }
        return new AttributeValue.B(Bytes.of(bytes));
    }

    private static List<DynamoNumber> edges() {
        List<DynamoNumber> edges = new ArrayList<>();
        for (String text : new String[] {"0", "1", "-1", "10", "-10", "1.1", "-1.1", "1.11", "-1.11", "9", "99",
                "0.9", "0.99", "100", "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125", "1E+125", "-1E+125", "0.1", "-0.1", "2", "19"}) {
            edges.add(DynamoNumber.parse(text));
        }
        return edges;
    }

    /** Numbers of 1 to 38 digits over the whole exponent range, both signs, many sharing prefixes. */
    private static DynamoNumber randomNumber(Random random) {
        int digits = 1 + random.nextInt(random.nextBoolean() ? 4 : 38);
        StringBuilder unscaled = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            unscaled.append(random.nextInt(random.nextInt(4) == 0 ? 2 : 10));
        }
        BigInteger value = new BigInteger(unscaled.toString());
        if (value.signum() == 0) {
            return DynamoNumber.ZERO;
        }
        int precision = value.toString().length();
        int exponent = random.nextBoolean()
                ? random.nextInt(9) - 4
                : DynamoNumber.MIN_EXPONENT + random.nextInt(DynamoNumber.MAX_EXPONENT - DynamoNumber.MIN_EXPONENT + 1);
        BigDecimal number = new BigDecimal(value, precision - 1 - exponent);
        return DynamoNumber.checked(random.nextBoolean() ? number : number.negate());
    }
}
