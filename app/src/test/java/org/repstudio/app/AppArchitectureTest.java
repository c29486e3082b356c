package org.repstudio.app;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The app's packages form layers without cycles: the launcher, then the shell (the main window, which wires
 * everything), then the feature windows (collapse, training, charts, export), the canvas, the editor's model,
 * and at the bottom what every window shares (fx: theme, snapshots; files: paths, settings, autosave).
 */
class AppArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.repstudio.app");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.repstudio.app.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void featuresDoNotReachBackIntoTheShell() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launch").definedBy("org.repstudio.app")
                .layer("Shell").definedBy("org.repstudio.app.shell..")
                .layer("Features").definedBy("org.repstudio.app.collapse..", "org.repstudio.app.train..",
                        "org.repstudio.app.charts..", "org.repstudio.app.export..")
                .layer("Canvas").definedBy("org.repstudio.app.canvas..")
                .layer("Editor").definedBy("org.repstudio.app.editor..", "org.repstudio.app.diagram..")
                .layer("Shared").definedBy("org.repstudio.app.fx..", "org.repstudio.app.files..")
                .whereLayer("Launch").mayNotBeAccessedByAnyLayer()
                .whereLayer("Shell").mayOnlyBeAccessedByLayers("Launch")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Launch", "Shell")
                .whereLayer("Canvas").mayOnlyBeAccessedByLayers("Launch", "Shell", "Features")
                .whereLayer("Editor").mayOnlyBeAccessedByLayers("Launch", "Shell", "Features", "Canvas")
                .check(APP);
    }
}
