package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.repstudio.core.fusion.InvalidDesignException;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WritePlan;
import org.repstudio.core.pytorch.CheckpointException;
import org.repstudio.core.pytorch.WeightsImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Loads a PyTorch state_dict (.pt/.pth, zip or legacy, or .safetensors) into a design by name and writes
 * the design with its new sidecar. Exit 0 written; 2 a checkpoint that cannot be read or does not fit
 * (nothing written).
 */
@Command(name = "import-weights", mixinStandardHelpOptions = true,
        description = "Load a PyTorch checkpoint into DESIGN by name (or the official repos' layouts) and write "
                + "TRAINED.json with its weights sidecar.")
final class ImportWeightsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DESIGN.json", description = "the design the checkpoint was trained from")
    Path design;

    @Parameters(index = "1", paramLabel = "CHECKPOINT", description = ".pt/.pth (torch.save) or .safetensors")
    Path checkpoint;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRAINED.json",
            description = "the design to write; its sidecar TRAINED.rsw lands beside it")
    Path output;

    @Override
    public Integer call() {
        DesignFile d = readDesign();
        if (!Files.exists(checkpoint)) {
            throw new BadInputException(checkpoint + ": no such file");
        }
        CommandFiles.require(new WritePlan().reads("the design", design)
                .reads("the design's weights sidecar", DesignIO.sidecar(design, d)).reads("the checkpoint", checkpoint)
                .writes("-o", output).writes("the weights beside -o", FuseCommand.sidecarOf(output)));
        long started = System.nanoTime();
        WeightsImport.Outcome o;
        try {
            o = WeightsImport.run(d, design, checkpoint, output);
        } catch (CheckpointException e) {
            throw new BadInputException(e.getMessage() + "\nnothing written");
        } catch (NoSuchFileException e) {
            throw new BadInputException(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot import: " + e.getMessage() + "; nothing written");
        }
        for (String key : o.result().unexpected()) {
            System.out.println("unexpected key (not read): " + key);
        }
        System.out.printf("read %s (%s%s, %s layout): %d tensors into %d nodes%n", checkpoint.getFileName(),
                o.format(), o.entry().isEmpty() ? "" : ", entry '" + o.entry() + "'", o.result().layout(),
                o.tensorsRead(), o.result().weights().byNode().size());
        System.out.printf("wrote %s and %s in %.0f ms%n", output, o.sidecar().getFileName(),
                (System.nanoTime() - started) / 1e6);
        System.out.println("next: ./repstudio verify " + output + "; ./repstudio export " + output
                + " --fused -o fused.onnx");
        return 0;
    }

    /** The design and its validity only: its own weights (or random ones) are about to be replaced. */
    private DesignFile readDesign() {
        try {
            DesignFile d = DesignIO.read(design);
            List<Problem> problems = Validator.validate(d.graph());
            if (!problems.isEmpty()) {
                throw new BadInputException(design.getFileName() + ": "
                        + new InvalidDesignException(problems).getMessage());
            }
            return d;
        } catch (NoSuchFileException e) {
            throw new BadInputException(design + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
