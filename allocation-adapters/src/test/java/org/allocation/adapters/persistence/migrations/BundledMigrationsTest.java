package org.allocation.adapters.persistence.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundledMigrationsTest {

    @Test
    void theListNamesEveryScriptOfTheDirectoryAndNothingElse() throws IOException, URISyntaxException {
        // In tests the location is a directory (target/classes), so here it can be listed.
        Path directory = Path.of(BundledMigrations.class.getClassLoader()
                .getResource(BundledMigrations.LOCATION).toURI());
        List<String> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.map(file -> file.getFileName().toString()).sorted().toList();
        }

        assertThat(BundledMigrations.SCRIPTS)
                .as("BundledMigrations.SCRIPTS must name every file of db/migration")
                .containsExactlyInAnyOrderElementsOf(files);
        // A callback (afterMigrate.sql...) would run only when Flyway runs, which the fast path skips; a
        // repeatable script (R__) is not compared by it. Either needs BundledMigrations taught first.
        assertThat(files).as("only versioned scripts V<version>__<description>.sql")
                .allMatch(name -> name.matches("V\\d+(_\\d+)*__\\w+\\.sql"));
    }

    @Test
    void versionsAreWrittenAsFlywayWritesThem() {
        assertThat(BundledMigrations.version("V3__message_metadata.sql")).isEqualTo("3");
        assertThat(BundledMigrations.version("V1_2__x.sql")).isEqualTo("1.2");
    }

    @Test
    void everyBundledScriptHasFlywaysChecksum() {
        for (BundledMigrations.Script script : BundledMigrations.all()) {
            String resource = BundledMigrations.LOCATION + "/" + script.name();
            int flyways = ChecksumCalculator.calculate(resource(() -> new InputStreamReader(
                    BundledMigrations.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)));
            assertThat(script.checksum()).as(script.name()).isEqualTo(flyways);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SELECT 1;", "a\nb\n", "a\r\nb\r\n", "a\rb", "\n\n\r\n", "\uFEFFSELECT 1;\n",
            "-- é ü — \uD834\uDD1E\nSELECT 'ß';\n"})
    void theChecksumIsFlyways(String text) throws IOException {
        assertThat(BundledMigrations.checksum(new StringReader(text)))
                .isEqualTo(ChecksumCalculator.calculate(resource(() -> new StringReader(text))));
    }

    private static LoadableResource resource(java.util.function.Supplier<Reader> content) {
        return new LoadableResource() {
            @Override
            public Reader read() {
                return content.get();
            }

            @Override
            public String getAbsolutePath() {
                return "test.sql";
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return "test.sql";
            }

            @Override
            public String getFilename() {
                return "test.sql";
            }

            @Override
            public String getRelativePath() {
                return "test.sql";
            }
        };
    }
}
