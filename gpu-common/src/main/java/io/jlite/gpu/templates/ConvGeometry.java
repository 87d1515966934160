package io.jlite.gpu.templates;

import io.jlite.gpu.fusion.PaddedConv;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Op;
import io.jlite.ops.Padding;

/**
 * Where a convolution's window starts: input row {@code y·strideH - padTop + ky·dilationH} for
 * output row y (likewise for columns), in the coordinates of the unpadded input; rows outside it
 * contribute zero. Covers CONV_2D and DEPTHWISE_CONV_2D, with or without a merged PAD.
 */
record ConvGeometry(
    int strideH,
    int strideW,
    int dilationH,
    int dilationW,
    int padTop,
    int padLeft,
    Activation activation) {

  static ConvGeometry of(Graph graph, Node node) {
    Op op = node.op();
    int extraTop = 0;
    int extraLeft = 0;
    int extraH = 0;
    int extraW = 0;
    if (op instanceof PaddedConv p) {
      extraTop = p.padTop();
      extraLeft = p.padLeft();
      extraH = p.padTop() + p.padBottom();
      extraW = p.padLeft() + p.padRight();
      op = p.conv();
    }
    Shape in = graph.tensor(node.inputs().get(0)).shape();
    Shape filter = graph.tensor(node.inputs().get(1)).shape();
    int h = in.dim(1) + extraH;
    int w = in.dim(2) + extraW;
    if (op instanceof Conv2D c) {
      return make(
          c.padding(),
          c.strideH(),
          c.strideW(),
          c.dilationH(),
          c.dilationW(),
          c.activation(),
          filter,
          h,
          w,
          extraTop,
          extraLeft);
    }
    DepthwiseConv2D d = (DepthwiseConv2D) op;
    return make(
        d.padding(),
        d.strideH(),
        d.strideW(),
        d.dilationH(),
        d.dilationW(),
        d.activation(),
        filter,
        h,
        w,
        extraTop,
        extraLeft);
  }

  private static ConvGeometry make(
      Padding padding,
      int sh,
      int sw,
      int dh,
      int dw,
      Activation activation,
      Shape filter,
      int h,
      int w,
      int extraTop,
      int extraLeft) {
    return new ConvGeometry(
        sh,
        sw,
        dh,
        dw,
        extraTop + padding.padBefore(h, filter.dim(1), sh, dh),
        extraLeft + padding.padBefore(w, filter.dim(2), sw, dw),
        activation);
  }
}
