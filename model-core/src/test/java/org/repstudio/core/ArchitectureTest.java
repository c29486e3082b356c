package org.repstudio.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine and the CLI run headless: no JavaFX, no AWT, so servers and CI can use them. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.repstudio.core", "org.repstudio.cli");

    @Test
    void engineAndCliUseNeitherJavaFxNorAwt() {
        noClasses().that().resideInAnyPackage("org.repstudio.core..", "org.repstudio.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..")
                .because("model-core must run headless (CLI, CI, servers); the UI lives in app")
                .check(ENGINE);
    }
}
