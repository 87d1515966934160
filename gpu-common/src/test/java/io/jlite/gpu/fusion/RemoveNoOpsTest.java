package io.jlite.gpu.fusion;

import static io.jlite.gpu.testing.GraphBuilder.operand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.Concatenation;
import io.jlite.ops.Pad;
import io.jlite.ops.Relu;
import io.jlite.ops.Reshape;
import io.jlite.ops.Slice;
import io.jlite.ops.Transpose;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which nodes become buffer aliases, and how the planner honours them. */
class RemoveNoOpsTest {
  private static boolean isNoOp(Graph g) {
    Node last = g.nodes().get(g.nodes().size() - 1);
    return RemoveNoOps.isNoOp(g, last);
  }

  private static GraphBuilder builder() {
    return new GraphBuilder(11);
  }

  @Test
  void reshapesBetweenViewsOfOneBufferAreNoOps() {
    GraphBuilder b = builder();
    int x = b.input(1, 2, 3, 5);
    // [1, 2, 3, 5] → [1, 6, 5]: H·W = 6 either way, channels 5
    b.op("RESHAPE", new Reshape(operand(-1, 1, 6, 5)), x);
    assertTrue(isNoOp(b.build()));

    b = builder();
    b.op("RESHAPE", new Reshape(operand(-1, 6, 5)), b.input(1, 2, 3, 5));
    assertTrue(isNoOp(b.build()), "rank 2 [6, 5] is BHWC [1, 1, 6, 5]");
  }

  @Test
  void reshapesThatMoveChannelsOrOfConstantsAreNot() {
    GraphBuilder b = builder();
    b.op("RESHAPE", new Reshape(operand(-1, 1, 30)), b.input(1, 2, 3, 5));
    assertFalse(isNoOp(b.build()), "channels 5 → 30 reorders the vec4s");

    b = builder();
    b.op("RESHAPE", new Reshape(operand(-1, 1, 6, 5)), b.constant(1f, 1, 2, 3, 5));
    assertFalse(isNoOp(b.build()), "a constant has no buffer to share");
  }

  @Test
  void identitiesAreNoOpsAndLookAlikesAreNot() {
    int[] zeros = {0, 0, 0, 0, 0, 0, 0, 0};
    GraphBuilder b = builder();
    b.op("PAD", new Pad(operand(1, zeros), 0), b.input(1, 2, 3, 5), b.ints(zeros, 4, 2));
    assertTrue(isNoOp(b.build()), "PAD by zeros");

    b = builder();
    b.op(
        "SLICE",
        new Slice(operand(1, 0, 0, 0, 0), operand(2, -1, 2, 3, 5)),
        b.input(1, 2, 3, 5),
        b.ints(new int[4], 4),
        b.ints(new int[] {-1, 2, 3, 5}, 4));
    assertTrue(isNoOp(b.build()), "SLICE of everything");

    b = builder();
    b.op("CONCATENATION", new Concatenation(3, Activation.NONE), b.input(1, 2, 3, 5));
    assertTrue(isNoOp(b.build()), "CONCATENATION of one input");

    b = builder();
    b.op("CONCATENATION", new Concatenation(3, Activation.RELU), b.input(1, 2, 3, 5));
    assertFalse(isNoOp(b.build()), "one input, but an activation");

    b = builder();
    b.op(
        "TRANSPOSE",
        new Transpose(operand(1, 0, 1, 2, 3)),
        b.input(1, 2, 3, 5),
        b.ints(new int[] {0, 1, 2, 3}, 4));
    assertTrue(isNoOp(b.build()), "TRANSPOSE by the identity");

    b = builder();
    b.op(
        "TRANSPOSE",
        new Transpose(operand(1, 0, 2, 1, 3)),
        b.input(1, 3, 3, 5),
        b.ints(new int[] {0, 2, 1, 3}, 4));
    assertFalse(isNoOp(b.build()), "same shape, but H and W swapped");
  }

  @Test
  void thePlannerGivesAliasesNoKernelAndTheirReadersTheInputsBuffer() {
    GraphBuilder b = builder();
    int x = b.input(1, 2, 3, 5);
    int r = b.op("RELU", new Relu(), x);
    int v = b.op("RESHAPE", new Reshape(operand(-1, 6, 5)), r);
    int w = b.op("RESHAPE", new Reshape(operand(-1, 1, 1, 6, 5)), v);
    int y = b.op("RELU", new Relu(), w);
    Graph g = b.build(v, y);

    GpuPlan plan = GpuPlanner.plan(g, g.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(2, plan.kernels().size(), "the two RELUs");
    assertEquals(Map.of(v, r, w, v), plan.aliases());
    assertEquals(r, plan.storage(w), "chains resolve to the buffer holding the data");
    assertEquals(r, plan.storage(v), "a partition output may be an alias");
    assertEquals(
        List.of(0, 3), plan.kernels().stream().flatMap(k -> k.opIndices().stream()).toList());

    GpuPlan unplanned = GpuPlanner.plan(g, g.nodes(), GpuPlanner.Options.UNFUSED);
    assertEquals(4, unplanned.kernels().size(), "without passes every op is a kernel");
    assertTrue(unplanned.aliases().isEmpty());
  }
}
