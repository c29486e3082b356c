package org.repstudio.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's shape, enforced: headless (no JavaFX, no AWT but the image reader's pixel rasters), packages
 * free of cycles, and each layer using
 * only the ones below it: algebra, graph, then fusion / engine / io, then train / onnx, then design (what a
 * design means for every entry point), then the CLI.
 */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.repstudio.core", "org.repstudio.cli");

    @Test
    void engineAndCliUseNeitherJavaFxNorAwt() {
        noClasses().that().resideInAnyPackage("org.repstudio.core..", "org.repstudio.cli..")
                .should().dependOnClassesThat(resideInAnyPackage("javafx..", "java.awt..")
                        .and(not(resideInAPackage("java.awt.image"))))
                .because("model-core must run headless (CLI, CI, servers); the UI lives in app")
                .check(ENGINE);
    }

    @Test
    void onlyTheImageFolderReaderTouchesPixelRasters() {
        noClasses().that().resideInAnyPackage("org.repstudio.core..", "org.repstudio.cli..")
                .and().doNotHaveFullyQualifiedName("org.repstudio.core.train.ImageFolderReader")
                .should().dependOnClassesThat().resideInAPackage("java.awt.image")
                .because("decoding image files is the one place that needs a BufferedImage's raster (headless)")
                .check(ENGINE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.repstudio.(**)").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void layersOnlyUseTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Algebra").definedBy("org.repstudio.core.algebra..")
                .layer("Graph").definedBy("org.repstudio.core.graph..")
                .layer("Fusion").definedBy("org.repstudio.core.fusion..")
                .layer("Engine").definedBy("org.repstudio.core.engine..")
                .layer("Io").definedBy("org.repstudio.core.io..")
                .layer("Train").definedBy("org.repstudio.core.train..")
                .layer("Onnx").definedBy("org.repstudio.core.onnx..")
                .layer("Design").definedBy("org.repstudio.core.design..")
                .layer("Cli").definedBy("org.repstudio.cli..")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Design").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Train").mayOnlyBeAccessedByLayers("Design", "Cli")
                .whereLayer("Onnx").mayOnlyBeAccessedByLayers("Design", "Cli")
                .whereLayer("Fusion").mayOnlyBeAccessedByLayers("Engine", "Train", "Onnx", "Design", "Cli")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Train", "Onnx", "Design", "Cli")
                .whereLayer("Io").mayOnlyBeAccessedByLayers("Train", "Onnx", "Design", "Cli")
                .whereLayer("Graph").mayOnlyBeAccessedByLayers("Fusion", "Engine", "Io", "Train", "Onnx", "Design",
                        "Cli")
                .check(ENGINE);
    }

    @Test
    void theReferenceSharesNoCodeWithTheTransformsItChecks() {
        noClasses().that().haveSimpleNameStartingWith("Reference")
                .and().resideInAPackage("org.repstudio.core.fusion")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("NodeConvs")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("PadFill")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("PerChannel")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("AvgPoolKernel")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Dirac")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ConvApply")
                .because("a wrong transform must show as a step error, not be repeated by the reference")
                .check(ENGINE);
    }
}
