package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.Op;

/**
 * A node that moves no data on the GPU ({@link RemoveNoOps}): its output holds exactly its first
 * input's PHWC4 buffer, seen under the output's shape, so the planner gives it no kernel and lets
 * the output share the input's buffer ({@link io.jlite.gpu.plan.GpuPlan#aliases}). On the reference
 * interpreter it is the original op.
 *
 * @param op the original op (a RESHAPE, an identity PAD, ...)
 */
public record BufferAlias(Op op) implements Op {
  @Override
  public NdArray[] apply(NdArray[] inputs) {
    return op.apply(inputs);
  }
}
