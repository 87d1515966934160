package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * DENSIFY: the dense form of a sparse constant (TFLite's sparse weight format: blocked dimensions,
 * DENSE and SPARSE_CSR levels in a traversal order). The loader already decodes every sparse
 * constant to its dense form ({@code io.jlite.loader.SparseConstants}), so here the op is a copy;
 * constant folding runs it once when the interpreter is created.
 */
public record Densify() implements Op {
  static Densify create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    if (!ctx.input(0).isConstant()) {
      throw ctx.unsupported("DENSIFY of a non-constant tensor");
    }
    return new Densify();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {in[0]};
  }
}
