package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.ConstArg;
import java.util.function.Function;

/**
 * Packs a filter {@code [outC, kH, kW, inC]} for the convolution templates: vec4 number {@code
 * ((os·kH + ky)·kW + kx)·4·inSlices + ic} holds the weights of output channels {@code 4·os ..
 * 4·os+3} for input channel {@code ic}, so one input slice times four consecutive vec4s adds to one
 * output slice. Channels past the real counts are zero.
 */
final class ConvWeights {
  private ConvWeights() {}

  static ConstArg pack(float[] filter, int outC, int kH, int kW, int inC) {
    int outSlices = (outC + 3) / 4;
    int inPadded = ((inC + 3) / 4) * 4;
    float[] packed = new float[outSlices * kH * kW * inPadded * 4];
    for (int oc = 0; oc < outC; oc++) {
      for (int ky = 0; ky < kH; ky++) {
        for (int kx = 0; kx < kW; kx++) {
          for (int ic = 0; ic < inC; ic++) {
            int vec = (((oc / 4) * kH + ky) * kW + kx) * inPadded + ic;
            packed[vec * 4 + oc % 4] = filter[((oc * kH + ky) * kW + kx) * inC + ic];
          }
        }
      }
    }
    return ConstArg.weights("weights", packed);
  }

  /**
   * The dialect statements adding input slice {@code v} times the weights at vec4 {@code w} to
   * {@code acc}.
   */
  static String accumulate(String acc, String v, String w) {
    return accumulate(acc, v, i -> "$CONST(weights, " + w + i + ")");
  }

  /**
   * The same, with the weights read from the shared array {@code shared} starting at {@code w}
   * (where a kernel staged them).
   */
  static String accumulateShared(String acc, String v, String shared, String w) {
    return accumulate(acc, v, i -> shared + "[" + w + i + "]");
  }

  /** {@code weight} gives the weight vec4 of input lane {@code i} as an index suffix. */
  private static String accumulate(String acc, String v, Function<String, String> weight) {
    return acc
        + " += "
        + v
        + ".x * "
        + weight.apply("")
        + " + "
        + v
        + ".y * "
        + weight.apply(" + 1")
        + " + "
        + v
        + ".z * "
        + weight.apply(" + 2")
        + " + "
        + v
        + ".w * "
        + weight.apply(" + 3")
        + ";\n";
  }
}
