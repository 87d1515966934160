package io.jlite.loader;

import io.jlite.ModelFormatException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Arrays;
import org.tensorflow.lite.schema.DimensionMetadataT;
import org.tensorflow.lite.schema.DimensionType;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparseIndexVectorUnion;
import org.tensorflow.lite.schema.SparsityParametersT;

/**
 * Decodes a constant tensor stored in TFLite's sparse format into its dense form, as the {@code
 * DENSIFY} op would.
 *
 * <p>The format: a tensor of rank {@code n} may be split into blocks; {@code block_map[j]} names
 * the original dimension that block dimension {@code n + j} divides. That gives {@code n + k}
 * "expanded" dimensions, stored level by level in {@code traversal_order}. Each level is DENSE
 * (every index {@code 0 … dense_size-1}) or SPARSE_CSR: node {@code p} of the previous level owns
 * the indices {@code array_indices[array_segments[p] … array_segments[p+1]-1]}. The stored values
 * are the leaves of this tree in traversal order; every position not reached is zero.
 *
 * <p>Everything is checked before it is used (permutations, segment monotonicity, index ranges, the
 * value count), so a hostile file is a {@link ModelFormatException} and the work is bounded by the
 * dense size times the number of levels.
 */
final class SparseConstants {
  private final String where;
  private final int rank;
  private final int[] traversalOrder;
  private final int[] expandedShape;
  private final int[] blockOf; // per original dimension: its block dimension, or -1
  private final DimensionMetadataT[] levels;
  private final int[][] segments;
  private final int[][] indices;

  private SparseConstants(SparsityParametersT sparsity, Shape denseShape, String where) {
    this.where = where;
    this.rank = denseShape.rank();
    int[] blockMap = orEmpty(sparsity.getBlockMap());
    this.traversalOrder = orEmpty(sparsity.getTraversalOrder());
    this.levels =
        sparsity.getDimMetadata() == null ? new DimensionMetadataT[0] : sparsity.getDimMetadata();
    int expandedRank = rank + blockMap.length;
    if (traversalOrder.length != expandedRank || levels.length != expandedRank) {
      throw error(
          "has "
              + traversalOrder.length
              + " traversal dimensions and "
              + levels.length
              + " dimension metadata for rank "
              + rank
              + " with "
              + blockMap.length
              + " block dimensions");
    }
    requirePermutation(traversalOrder, "traversal_order");
    this.blockOf = new int[rank];
    Arrays.fill(blockOf, -1);
    for (int j = 0; j < blockMap.length; j++) {
      int dim = blockMap[j];
      if (dim < 0 || dim >= rank || blockOf[dim] >= 0) {
        throw error("has block_map " + Arrays.toString(blockMap) + " for rank " + rank);
      }
      blockOf[dim] = j;
    }
    this.expandedShape = expandedShape(denseShape, blockMap);
    this.segments = new int[expandedRank][];
    this.indices = new int[expandedRank][];
    checkLevels();
  }

  /**
   * The dense form of a sparse constant.
   *
   * @param values the stored values, in traversal order (as decoded from the tensor's buffer)
   * @param denseShape the tensor's declared shape
   * @param where names the tensor in error messages
   */
  static NdArray densify(
      SparsityParametersT sparsity, NdArray values, Shape denseShape, String where) {
    SparseConstants layout = new SparseConstants(sparsity, denseShape, where);
    int[] positions = layout.densePositions(values.shape().size());
    if (values.isFloating()) {
      float[] stored = values.floats();
      float[] dense = new float[denseShape.size()];
      for (int i = 0; i < positions.length; i++) {
        dense[positions[i]] = stored[i];
      }
      return NdArray.ofFloats(values.type(), denseShape, dense);
    }
    int[] stored = values.ints();
    int[] dense = new int[denseShape.size()];
    for (int i = 0; i < positions.length; i++) {
      dense[positions[i]] = stored[i];
    }
    return NdArray.ofInts(values.type(), denseShape, dense);
  }

  private int[] expandedShape(Shape denseShape, int[] blockMap) {
    int[] shape = new int[rank + blockMap.length];
    for (int i = 0; i < rank; i++) {
      shape[i] = denseShape.dim(i);
    }
    for (int j = 0; j < blockMap.length; j++) {
      int level = levelOf(rank + j);
      DimensionMetadataT meta = levels[level];
      if (meta == null || meta.getFormat() != DimensionType.DENSE || meta.getDenseSize() < 1) {
        throw error("block dimension " + j + " is not a dense dimension of size ≥ 1");
      }
      int blockSize = meta.getDenseSize();
      int dim = blockMap[j];
      if (shape[dim] % blockSize != 0) {
        throw error(
            "dimension "
                + dim
                + " of size "
                + shape[dim]
                + " is not a multiple of block size "
                + blockSize);
      }
      shape[dim] /= blockSize;
      shape[rank + j] = blockSize;
    }
    return shape;
  }

  private int levelOf(int expandedDim) {
    for (int level = 0; level < traversalOrder.length; level++) {
      if (traversalOrder[level] == expandedDim) {
        return level;
      }
    }
    throw new IllegalStateException("traversal_order was checked to be a permutation");
  }

  /** Checks every level against the shape and counts the nodes each level has. */
  private void checkLevels() {
    long nodes = 1; // nodes of the previous level
    for (int level = 0; level < levels.length; level++) {
      DimensionMetadataT meta = levels[level];
      int size = expandedShape[traversalOrder[level]];
      if (meta == null) {
        throw error("has no metadata for level " + level);
      }
      if (meta.getFormat() == DimensionType.DENSE) {
        if (meta.getDenseSize() != size) {
          throw error(
              "level " + level + " has dense_size " + meta.getDenseSize() + ", expected " + size);
        }
        nodes *= size;
      } else if (meta.getFormat() == DimensionType.SPARSE_CSR) {
        int[] segs = vector(meta.getArraySegments(), "array_segments", level);
        int[] idx = vector(meta.getArrayIndices(), "array_indices", level);
        if (segs.length != nodes + 1 || segs[0] != 0 || segs[segs.length - 1] != idx.length) {
          throw error(
              "level "
                  + level
                  + " has "
                  + segs.length
                  + " segments for "
                  + nodes
                  + " nodes and "
                  + idx.length
                  + " indices");
        }
        for (int p = 0; p < segs.length - 1; p++) {
          if (segs[p] > segs[p + 1]) {
            throw error("level " + level + " has decreasing array_segments at " + p);
          }
        }
        for (int i : idx) {
          if (i < 0 || i >= size) {
            throw error("level " + level + " has index " + i + " outside [0, " + size + ")");
          }
        }
        segments[level] = segs;
        indices[level] = idx;
        nodes = idx.length;
      } else {
        throw error("level " + level + " has unknown format " + meta.getFormat());
      }
    }
  }

  /** Where each stored value goes in the dense array (row-major over the declared shape). */
  private int[] densePositions(int valueCount) {
    int[] positions = new int[valueCount];
    int[] expandedIndex = new int[expandedShape.length];
    int stored = visit(0, 0, expandedIndex, positions, 0);
    if (stored != valueCount) {
      throw error("holds " + valueCount + " values but its sparsity describes " + stored);
    }
    return positions;
  }

  private int visit(int level, int node, int[] expandedIndex, int[] positions, int stored) {
    if (level == levels.length) {
      if (stored >= positions.length) {
        throw error("its sparsity describes more values than the " + positions.length + " stored");
      }
      positions[stored] = densePosition(expandedIndex);
      return stored + 1;
    }
    int dim = traversalOrder[level];
    if (segments[level] == null) {
      int size = expandedShape[dim];
      for (int i = 0; i < size; i++) {
        expandedIndex[dim] = i;
        stored = visit(level + 1, node * size + i, expandedIndex, positions, stored);
      }
    } else {
      for (int k = segments[level][node]; k < segments[level][node + 1]; k++) {
        expandedIndex[dim] = indices[level][k];
        stored = visit(level + 1, k, expandedIndex, positions, stored);
      }
    }
    return stored;
  }

  private int densePosition(int[] expandedIndex) {
    int position = 0;
    for (int d = 0; d < rank; d++) {
      int index = expandedIndex[d];
      int dimSize = expandedShape[d];
      if (blockOf[d] >= 0) {
        int blockSize = expandedShape[rank + blockOf[d]];
        index = index * blockSize + expandedIndex[rank + blockOf[d]];
        dimSize *= blockSize;
      }
      position = position * dimSize + index;
    }
    return position;
  }

  private int[] vector(SparseIndexVectorUnion union, String name, int level) {
    if (union == null || union.getType() == SparseIndexVector.NONE || union.getValue() == null) {
      throw error("level " + level + " is SPARSE_CSR without " + name);
    }
    int[] values =
        switch (union.getType()) {
          case SparseIndexVector.Int32Vector -> union.asInt32Vector().getValues();
          case SparseIndexVector.Uint16Vector -> union.asUint16Vector().getValues();
          case SparseIndexVector.Uint8Vector -> union.asUint8Vector().getValues();
          default ->
              throw error(
                  "level " + level + " has " + name + " of unknown type " + union.getType());
        };
    return values == null ? new int[0] : values;
  }

  private void requirePermutation(int[] order, String name) {
    boolean[] seen = new boolean[order.length];
    for (int d : order) {
      if (d < 0 || d >= order.length || seen[d]) {
        throw error("has " + name + " " + Arrays.toString(order) + ", not a permutation");
      }
      seen[d] = true;
    }
  }

  private static int[] orEmpty(int[] values) {
    return values == null ? new int[0] : values;
  }

  private ModelFormatException error(String what) {
    return new ModelFormatException(where + ": sparse constant " + what);
  }
}
