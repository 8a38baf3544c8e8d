package dev.twine.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** How javac and Gradle find the processor: the files the build puts beside its classes. */
class RegistrationTest {

    @Test
    void javacFindsTheProcessorAsAService() {
        assertThat(ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type))
                .contains(TwineProcessor.class);
    }

    /** Aggregating: each generated file is derived from the protocol and all of its frames. */
    @Test
    void gradleRunsTheProcessorIncrementallyAsAggregating() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(TwineProcessor.class.getName() + ",aggregating");
        }
    }
}
