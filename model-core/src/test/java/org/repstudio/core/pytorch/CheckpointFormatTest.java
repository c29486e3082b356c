package org.repstudio.core.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;

/** The readers without Python: safetensors round trip, the allow-list, DDP prefixes, names. */
class CheckpointFormatTest {

    @Test
    void safetensorsRoundTripKeepsOrderShapesAndValues() throws Exception {
        Map<String, RawTensor> in = new LinkedHashMap<>();
        in.put("b.weight", RawTensor.ofFloat32(Tensor.of(new int[] {2, 3}, 1, -2, 3.5, 4, 5, 6)));
        in.put("a.num_batches_tracked", RawTensor.int64Scalar(7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, in, Map.of("format", "pt"));
        Map<String, RawTensor> back = Safetensors.read(out.toByteArray(), "x.safetensors");
        assertEquals(in.keySet().stream().toList(), back.keySet().stream().toList());
        assertArrayEquals(new int[] {2, 3}, back.get("b.weight").shape());
        assertArrayEquals(new double[] {1, -2, 3.5, 4, 5, 6}, back.get("b.weight").toTensor().data());
        assertEquals(DType.I64, back.get("a.num_batches_tracked").dtype());
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 4);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(cut, "x.safetensors"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aProtocolZeroPickleCallingOsSystemIsRefusedAtItsGlobal() {
        byte[] evil = "cos\nsystem\n(S'touch /tmp/repstudio-pwned'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> RestrictedUnpickler.load(ByteBuffer.wrap(evil), "evil.pt"));
        assertTrue(e.getMessage().contains("'os.system'") && e.getMessage().contains("ran nothing"), e.getMessage());
    }

    @Test
    void ddpPrefixIsStrippedOnlyWhenEveryKeyHasIt() {
        RawTensor t = RawTensor.ofFloat32(Tensor.vector(1));
        assertEquals(java.util.Set.of("conv.weight"),
                CheckpointReader.stripModulePrefix(Map.of("module.conv.weight", t)).keySet());
        assertEquals(2, CheckpointReader.stripModulePrefix(Map.of("module.a", t, "b", t)).size());
    }

    @Test
    void nodeIdsBecomePythonIdentifiers() {
        assertEquals("in_", TorchNames.sanitize("in"));
        assertEquals("stage1_0_conv", TorchNames.sanitize("stage1.0-conv"));
        assertEquals("n_3x3", TorchNames.sanitize("3x3"));
        assertEquals("forward_", TorchNames.sanitize("forward"));
    }

    @Test
    void halfPrecisionWidensExactly() {
        assertEquals(1.0f, RawTensor.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, RawTensor.halfToFloat((short) 0xc000));
        assertEquals(0.5f, RawTensor.halfToFloat((short) 0x3800));
    }
}
