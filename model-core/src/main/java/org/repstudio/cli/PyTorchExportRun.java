package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.WritePlan;
import org.repstudio.core.pytorch.PyTorchExport;

/** {@code export --pytorch}: the design as a PyTorch package in a folder. Exit 0 written, 2 bad input. */
final class PyTorchExportRun {

    private PyTorchExportRun() {
    }

    static int run(Path design, Path dir, Optional<Path> weights, long seed) {
        LoadedDesign d = Designs.load(design, seed, weights);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": exists and is not a folder (--pytorch writes a folder)");
        }
        WritePlan plan = d.readPlan(weights);
        if (Files.isDirectory(dir)) { // the package's files may not replace the design, its weights or each other
            PyTorchExport.FILES.forEach(f -> plan.writes("-o " + f, dir.resolve(f)));
        } else { // a new folder: its parent must take it
            plan.writes("-o", dir);
        }
        CommandFiles.require(plan);
        Designs.sayWeights(d);
        long started = System.nanoTime();
        PyTorchExport.Report r;
        try {
            r = PyTorchExport.write(dir, d.design(), d.weights(), design.getFileName().toString());
        } catch (IOException e) {
            throw new BadInputException("cannot write " + dir + ": " + e.getMessage());
        }
        System.out.printf("wrote %s: model.py, %s (%d tensors, %,d parameters), train.py, README.md in %.0f ms%n",
                dir, PyTorchExport.WEIGHTS_FILE, r.tensors(), r.parameters(), (System.nanoTime() - started) / 1e6);
        System.out.println("train: cd " + dir + " && torchrun --nproc_per_node=2 train.py --data synthetic --epochs 1"
                + " --out run.pt --cpu");
        return 0;
    }
}
