package org.repstudio.app.editor;

import java.util.Locale;

/**
 * Why a wire is refused, as a value: the kind (which the canvas and tests act on) and the reason in words.
 *
 * @param kind   what rule the wire breaks
 * @param reason the details, e.g. "relu → dense → relu"
 */
public record ConnectionRefusal(Kind kind, String reason) {

    /** The rule a refused wire breaks. */
    public enum Kind {
        /** One end is not in the design. */
        NO_SUCH_NODE,
        /** The wire would close a loop. */
        CYCLE,
        /** The port does not exist (an input node, an output node, a port past the last). */
        ARITY,
        /** The shapes do not fit (channels, spatial size). */
        SHAPE,
        /** A flat tensor into an op that needs a [C, H, W] map. */
        TYPE
    }

    /** The line the canvas shows, e.g. "cycle: relu → dense → relu". */
    public String text() {
        return kind == Kind.NO_SUCH_NODE ? reason : kind.name().toLowerCase(Locale.ROOT) + ": " + reason;
    }
}
