package org.repstudio.core.pytorch;

import java.util.Optional;

/** Element types of checkpoint tensors, named as safetensors names them; only float types are weights. */
public enum DType {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true), I64(8, false), I32(4, false), I16(2, false),
    I8(1, false), U8(1, false), BOOL(1, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    public int bytes() {
        return bytes;
    }

    public boolean floating() {
        return floating;
    }

    /** PyTorch's storage class name ("FloatStorage", "LongStorage"...) to the element type. */
    public static Optional<DType> ofTorchStorage(String storageClass) {
        return Optional.ofNullable(switch (storageClass) {
            case "DoubleStorage" -> F64;
            case "FloatStorage" -> F32;
            case "HalfStorage" -> F16;
            case "BFloat16Storage" -> BF16;
            case "LongStorage" -> I64;
            case "IntStorage" -> I32;
            case "ShortStorage" -> I16;
            case "CharStorage" -> I8;
            case "ByteStorage" -> U8;
            case "BoolStorage" -> BOOL;
            default -> null;
        });
    }

    /** The name PyTorch prints for it ("torch.float32"), for messages. */
    public String torchName() {
        return switch (this) {
            case F64 -> "torch.float64";
            case F32 -> "torch.float32";
            case F16 -> "torch.float16";
            case BF16 -> "torch.bfloat16";
            case I64 -> "torch.int64";
            case I32 -> "torch.int32";
            case I16 -> "torch.int16";
            case I8 -> "torch.int8";
            case U8 -> "torch.uint8";
            case BOOL -> "torch.bool";
        };
    }
}
