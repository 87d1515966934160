package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gles.lwjgl.LwjglBinding;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.testing.FaultPlan;
import io.jlite.gpu.testing.GpuFaultContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OpenGL ES under driver faults: the shared contract with faults injected by a {@link
 * FaultyBinding} over the real driver, and a real fault of the llvmpipe (or any) driver.
 */
class GlesFaultsTest extends GpuFaultContract {
  @Override
  protected Delegate open(boolean fallbackToCpu, FaultPlan faults) {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    return new GlesDelegate(
        GlesOptions.defaults().withoutProgramCache().withFallbackToCpu(fallbackToCpu),
        FaultyBinding.over(new LwjglBinding(), faults));
  }

  @Override
  protected int liveBuffers(Delegate delegate) {
    return ((GlesDelegate) delegate).liveDeviceBuffers();
  }

  @Override
  protected int liveObjects(Delegate delegate) {
    return ((GlesDelegate) delegate).liveDeviceObjects();
  }

  @Override
  protected Optional<GpuFaultException> runFault(Delegate delegate) {
    return ((GlesDelegate) delegate).runFault();
  }

  @Override
  protected int openContexts() {
    return GlesContext.openContexts();
  }

  @Override
  protected String loggerName() {
    return GlesDelegate.class.getName();
  }

  @Override
  protected int outOfMemory() {
    return Gl.GL_OUT_OF_MEMORY;
  }

  @Override
  protected int deviceLost() {
    return Gl.GL_CONTEXT_LOST;
  }

  @Override
  protected String errorName(int code) {
    return Gl.errorName(code);
  }

  @Test
  void aDispatchTheRealDriverRefusesIsTypedAndTheContextKeepsWorking() {
    String twice =
        """
        #version 310 es
        layout(local_size_x = 4) in;
        layout(std430, binding = 0) buffer Data { float v[]; };
        void main() { v[gl_GlobalInvocationID.x] *= 2.0; }
        """;
    try (GlesContext context = TestContexts.open();
        GlesBuffer data = context.allocate("data", 16)) {
      GlesProgram program = context.program("twice", twice);
      data.write(new float[] {1, 2, 3, 4});
      // Beyond GL_MAX_COMPUTE_WORK_GROUP_COUNT: the driver itself raises GL_INVALID_VALUE.
      GpuUnavailableException e =
          assertThrows(
              GpuUnavailableException.class,
              () -> program.dispatch(List.of(data), Integer.MAX_VALUE, 1, 1));
      assertTrue(e.getMessage().contains("GL_INVALID_VALUE"), e.getMessage());
      assertTrue(e.getMessage().contains("twice"), e.getMessage());
      program.dispatch(List.of(data), 1, 1, 1);
      float[] out = new float[4];
      data.read(out);
      assertArrayEquals(new float[] {2, 4, 6, 8}, out);
    }
  }
}
