package io.jlite.opencl;

import java.util.List;

/**
 * Device time of one kernel over the profiled runs of an {@link OpenClDelegate} (see {@link
 * OpenClOptions#profiling()}).
 *
 * @param kernel the kernel's name, prefixed with its partition ({@code p0/k3_conv_2d})
 * @param opIndices the model's ops the kernel computes (more than one when ops were fused)
 * @param launches how often it ran
 * @param deviceNanos its summed device time (OpenCL profiling: command start to end)
 */
public record KernelTime(String kernel, List<Integer> opIndices, long launches, long deviceNanos) {
  public KernelTime {
    opIndices = List.copyOf(opIndices);
  }

  /** Mean device time per launch in microseconds. */
  public double meanMicros() {
    return launches == 0 ? 0 : deviceNanos / 1e3 / launches;
  }
}
