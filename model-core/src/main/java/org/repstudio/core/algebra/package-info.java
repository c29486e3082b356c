/** Dense float64 tensors and the affine-conv value, with one small pure function per fusion transform. */
package org.repstudio.core.algebra;
