package io.jlite.ops;

import java.util.Map;

/**
 * Registers the tensor and data-movement ops: reshapes, concatenation, padding, slicing,
 * transposes, gathers, reductions, softmax, resizing, depth/space rearrangements, arg min/max,
 * pack/unpack and splits.
 */
final class TensorOps {
  private TensorOps() {}

  static void register(Map<String, OpFactory> r) {
    r.put("CONCATENATION", Concatenation::create);
    r.put("RESHAPE", Reshape::create);
    r.put("SQUEEZE", Squeeze::create);
    r.put("EXPAND_DIMS", ExpandDims::create);
    r.put("PAD", Pad::create);
    r.put("PADV2", Pad::create);
    r.put("MIRROR_PAD", MirrorPad::create);
    r.put("SLICE", Slice::create);
    r.put("STRIDED_SLICE", StridedSlice::create);
    r.put("TRANSPOSE", Transpose::create);
    r.put("GATHER", Gather::create);
    for (Reduce.Kind kind : Reduce.Kind.values()) {
      r.put(kind.opName(), Reduce.factory(kind));
    }
    r.put("SOFTMAX", Softmax::create);
    r.put("LOG_SOFTMAX", LogSoftmax::create);
    r.put("RESIZE_BILINEAR", ResizeBilinear::create);
    r.put("RESIZE_NEAREST_NEIGHBOR", ResizeNearestNeighbor::create);
    r.put("DEPTH_TO_SPACE", DepthToSpace::create);
    r.put("SPACE_TO_DEPTH", SpaceToDepth::create);
    r.put("ARG_MAX", ArgMinMax::createMax);
    r.put("ARG_MIN", ArgMinMax::createMin);
    r.put("PACK", Pack::create);
    r.put("UNPACK", Unpack::create);
    r.put("SPLIT", Split::create);
    r.put("SPLIT_V", SplitV::create);
  }
}
