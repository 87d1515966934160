package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.Op;
import java.util.List;

/**
 * A heavy op followed by a chain of elementwise ops fused into it: the node's inputs are the main
 * op's inputs followed by one input per binary step. Computes exactly what the ops compute in
 * sequence (each step is the original reference op), so a fused graph still runs on the reference
 * interpreter; a GPU template writes the steps as its kernel's epilogue.
 *
 * @param mainOpName the TFLite name of the main op (which template generates the kernel)
 * @param main the main op
 * @param mainInputs how many of the node's inputs belong to the main op
 * @param steps the fused elementwise ops, in order
 */
public record FusedOp(String mainOpName, Op main, int mainInputs, List<Step> steps) implements Op {
  public FusedOp {
    steps = List.copyOf(steps);
  }

  /**
   * One fused elementwise op.
   *
   * @param opName its TFLite name
   * @param opIndex its index in the model
   * @param op the reference op
   * @param operandInput for a binary op, the index among the fused node's inputs of its other
   *     operand; -1 for a unary op
   * @param valueFirst whether the chain's value is the op's first operand
   */
  public record Step(String opName, int opIndex, Op op, int operandInput, boolean valueFirst) {}

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray[] mainIn = java.util.Arrays.copyOf(inputs, mainInputs);
    NdArray value = main.apply(mainIn)[0];
    for (Step step : steps) {
      NdArray[] in;
      if (step.operandInput() < 0) {
        in = new NdArray[] {value};
      } else {
        NdArray other = inputs[step.operandInput()];
        in = step.valueFirst() ? new NdArray[] {value, other} : new NdArray[] {other, value};
      }
      value = step.op().apply(in)[0];
    }
    return new NdArray[] {value};
  }

  /** The model op indices of the fused steps. */
  public List<Integer> fusedOpIndices() {
    return steps.stream().map(Step::opIndex).toList();
  }

  /** This op with one more step. */
  public FusedOp then(Step step) {
    List<Step> more = new java.util.ArrayList<>(steps);
    more.add(step);
    return new FusedOp(mainOpName, main, mainInputs, more);
  }
}
