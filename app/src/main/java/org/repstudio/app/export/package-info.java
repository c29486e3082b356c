/**
 * File &gt; Export ONNX…: the export window and its view model. The export itself is the CLI's
 * ({@link org.repstudio.core.design.DesignExport}): target checked first, ONNX Runtime against DJL, nothing
 * written unless the check passes.
 */
package org.repstudio.app.export;
