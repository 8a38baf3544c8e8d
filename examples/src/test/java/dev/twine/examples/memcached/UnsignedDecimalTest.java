package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnsignedDecimalTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "42|42",
        "0099|99",
        "'  7'|7",
        "+5|5",
        "-0|0",
        "'12 '|12",
        "'12 junk'|12",
        "9223372036854775808|-9223372036854775808",
        "18446744073709551615|-1",
        "00000000000000000000000000018446744073709551615|-1",
        // strtoull negates modulo 2^64; safe_strtoull only rejects results with the top bit set.
        "-18446744073709551615|1",
    })
    void readsWhatSafeStrtoullReads(String text, long expected) {
        assertEquals(expected, UnsignedDecimal.parse(bytes(text)));
    }

    @Test
    void whiteSpaceIsWhatCIsspaceSays() {
        assertEquals(8, UnsignedDecimal.parse(bytes("\t\n\u000b\f\r8\r\n")));
        assertThrows(NumberFormatException.class, () -> UnsignedDecimal.parse(bytes("\u00a08")));
    }

    @Test
    void aNulEndsTheNumber() {
        assertEquals(12, UnsignedDecimal.parse(new byte[] {'1', '2', 0, 'x'}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "+", "-", "x1", "1x", "1.0", "0x10", "- 1", "-1",
            "-9223372036854775808", "18446744073709551616", "184467440737095516150"})
    void rejectsWhatSafeStrtoullRejects(String text) {
        assertThrows(NumberFormatException.class, () -> UnsignedDecimal.parse(bytes(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0|0",
        "7|0|7",
        "100|4|'100 '",
        "100|3|100",
        "100|2|100",
        "-1|0|18446744073709551615",
        "0|3|'0  '",
    })
    void writesDigitsPaddedToTheOldLength(long value, int minLength, String expected) {
        assertEquals(expected, new String(UnsignedDecimal.format(value, minLength), ISO_8859_1));
    }
}
