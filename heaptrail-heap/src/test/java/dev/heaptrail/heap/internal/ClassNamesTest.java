package dev.heaptrail.heap.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassNamesTest {

    @ParameterizedTest
    @CsvSource({
        "java/lang/String, java.lang.String",
        "[B, byte[]",
        "[[I, int[][]",
        "[Ljava/lang/String;, java.lang.String[]",
        "[[Ljava/util/Map$Entry;, java.util.Map$Entry[][]",
        "com/example/Foo$$Lambda+0x0000000800c0b000, com.example.Foo$$Lambda/0x0000000800c0b000",
        "com/example/Foo$$Lambda$14+0x0000000800c0b000, com.example.Foo$$Lambda$14/0x0000000800c0b000",
        "com/example/Foo$$Lambda/0x0000000800c0b000, com.example.Foo$$Lambda/0x0000000800c0b000",
    })
    void javaSourceSpelling(String internal, String expected) {
        assertThat(ClassNames.toJava(internal)).isEqualTo(expected);
    }
}
