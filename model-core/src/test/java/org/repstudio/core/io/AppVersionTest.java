package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The version constant follows the project version, so a release cannot forget it. */
class AppVersionTest {

    @Test
    void matchesThePomVersion() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        String version = pom.replaceAll("(?s).*?<artifactId>repstudio[^<]*</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertTrue(version.equals(AppVersion.CURRENT) || version.equals(AppVersion.CURRENT + "-SNAPSHOT"),
                "pom version " + version + " vs AppVersion " + AppVersion.CURRENT);
    }
}
