package io.jlite.gpu.templates;

import io.jlite.gpu.fusion.FusedOp;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.HardSwish;
import io.jlite.ops.Logistic;
import io.jlite.ops.Op;
import io.jlite.ops.Relu;
import io.jlite.ops.Relu6;
import io.jlite.ops.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which elementwise ops can be fused into a kernel's epilogue, and the steps that do it. */
public final class Epilogues {
  private Epilogues() {}

  /** The function of a unary elementwise op that can be fused, if it is one. */
  public static Optional<UnaryFunction> unary(Op op) {
    if (op instanceof Relu) {
      return Optional.of(UnaryFunction.RELU);
    } else if (op instanceof Relu6) {
      return Optional.of(UnaryFunction.RELU6);
    } else if (op instanceof Tanh) {
      return Optional.of(UnaryFunction.TANH);
    } else if (op instanceof Logistic) {
      return Optional.of(UnaryFunction.LOGISTIC);
    } else if (op instanceof HardSwish) {
      return Optional.of(UnaryFunction.HARD_SWISH);
    }
    return Optional.empty();
  }

  /** The function of a binary elementwise op (ADD, SUB, MUL, DIV, PRELU), if it is one. */
  public static Optional<BinaryFunction> binary(String opName) {
    return BinaryFunction.ofOpName(opName);
  }

  /**
   * The epilogue steps of one fused step of {@code node} (a fused node), its operand named {@code
   * argName}.
   */
  static List<EpilogueStep> of(Graph graph, Node node, FusedOp.Step step, String argName) {
    List<EpilogueStep> steps = new ArrayList<>();
    Optional<UnaryFunction> u = unary(step.op());
    if (u.isPresent()) {
      steps.add(new EpilogueStep.Unary(u.get()));
      return steps;
    }
    BinaryFunction f =
        binary(step.opName())
            .orElseThrow(() -> new IllegalArgumentException(step.opName() + " cannot be fused"));
    KernelArg operand = TemplateSupport.input(graph, node, step.operandInput(), argName);
    steps.add(new EpilogueStep.Binary(f, operand, step.valueFirst()));
    Node asNode = new Node(node.index(), step.opName(), List.of(), List.of(), step.op());
    Activation activation = BinaryTemplate.activation(asNode);
    for (UnaryFunction a : UnaryFunction.of(activation)) {
      steps.add(new EpilogueStep.Unary(a));
    }
    return steps;
  }
}
