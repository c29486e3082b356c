package org.repstudio.core.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The RepStudio version written into exported models: the one Maven stamps into the model-core jar. */
final class AppVersion {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.repstudio/model-core/pom.properties";
    /** Running from compiled classes (tests, an IDE) there is no jar and so no stamp. */
    static final String UNPACKAGED = "development build";

    private AppVersion() {
    }

    static String get() {
        try (InputStream in = AppVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return UNPACKAGED;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UNPACKAGED);
        } catch (IOException e) {
            return UNPACKAGED;
        }
    }
}
