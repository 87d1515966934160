package io.jlite.gpu.testing;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Compiles and runs generated OpenCL C on the first OpenCL device (PoCL in CI). Without one, a test
 * using it is skipped with the reason, except under {@code CI=true}, where it fails: CI installs
 * PoCL, so a missing device there is a broken setup, not a pass.
 */
public final class OpenClHarness {
  private static OpenClHarness instance;
  private static String unavailable;

  private final cl_context context;
  private final cl_device_id device;
  private final cl_command_queue queue;

  private OpenClHarness(cl_context context, cl_device_id device, cl_command_queue queue) {
    this.context = context;
    this.device = device;
    this.queue = queue;
  }

  /** The harness, or a skipped (locally) or failed (CI) test. */
  public static synchronized OpenClHarness get() {
    if (instance == null && unavailable == null) {
      try {
        instance = open();
      } catch (CLException | UnsatisfiedLinkError | IllegalStateException e) {
        unavailable = "no OpenCL device (install PoCL: apt-get install pocl-opencl-icd): " + e;
      }
    }
    if (instance == null) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("CI=true but " + unavailable);
      }
      Assumptions.abort(unavailable);
    }
    return instance;
  }

  private static OpenClHarness open() {
    CL.setExceptionsEnabled(true);
    int[] count = new int[1];
    CL.clGetPlatformIDs(0, null, count);
    if (count[0] == 0) {
      throw new IllegalStateException("no OpenCL platform");
    }
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    CL.clGetPlatformIDs(count[0], platforms, null);
    cl_platform_id platform = platforms[0];
    CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
    cl_device_id[] devices = new cl_device_id[count[0]];
    CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, count[0], devices, null);
    cl_context_properties props = new cl_context_properties();
    props.addProperty(CL_CONTEXT_PLATFORM, platform);
    cl_context context =
        CL.clCreateContext(props, 1, new cl_device_id[] {devices[0]}, null, null, null);
    cl_command_queue queue =
        CL.clCreateCommandQueueWithProperties(context, devices[0], new cl_queue_properties(), null);
    return new OpenClHarness(context, devices[0], queue);
  }

  /** Builds {@code source}; fails the test with the build log if it does not compile. */
  public cl_program build(String source) {
    cl_program program =
        CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
    try {
      CL.clBuildProgram(program, 0, null, "-cl-std=CL1.2", null, null);
    } catch (CLException e) {
      long[] size = new long[1];
      CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
      byte[] log = new byte[(int) size[0]];
      CL.clGetProgramBuildInfo(
          program, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
      CL.clReleaseProgram(program);
      Assertions.fail(
          "OpenCL build failed:\n"
              + new String(log, java.nio.charset.StandardCharsets.UTF_8)
              + "\n"
              + source);
    }
    return program;
  }

  /**
   * Runs {@code plan} of {@code graph} on random inputs in [-2, 2] (from {@code seed}) and asserts
   * that every output matches the reference interpreter's ({@link
   * ReferenceComparison#assertMatchesReference}); {@code what} names the case in messages.
   */
  public void assertMatchesReference(String what, Graph graph, GpuPlan plan, long seed) {
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(seed), 2f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    Map<Integer, float[]> actual = run(plan, inputs, new OpenClGenerator());
    for (int t : graph.outputs()) {
      NdArray want = expected.get(t);
      ReferenceComparison.assertMatchesReference(
          what, t, want, NdArray.of(want.shape(), actual.get(t)));
    }
  }

  /**
   * Runs a plan: uploads {@code inputs} (BHWC, by tensor index), runs every kernel in order and
   * returns the plan's outputs as BHWC floats.
   */
  public Map<Integer, float[]> run(
      GpuPlan plan, Map<Integer, NdArray> inputs, OpenClGenerator generator) {
    Map<Integer, cl_mem> buffers = new HashMap<>();
    List<cl_mem> temporaries = new ArrayList<>();
    try {
      for (int t : plan.inputs()) {
        buffers.put(plan.hostSide(t), upload(plan.toDevice(t, inputs.get(t).floats())));
      }
      for (PlannedKernel k : plan.kernels()) {
        LoweredKernel lowered = generator.lower(k.source(), k.workgroup(), plan::halfStorage);
        cl_program program = build(lowered.source());
        cl_kernel kernel = CL.clCreateKernel(program, lowered.entryPoint(), null);
        List<KernelArg> params = lowered.parameters();
        for (int i = 0; i < params.size(); i++) {
          cl_mem mem = bufferFor(params.get(i), plan, buffers, temporaries);
          CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
        }
        CL.clEnqueueNDRangeKernel(
            queue, kernel, 3, null, k.globalSize(), k.localSize(), 0, null, null);
        CL.clFinish(queue);
        CL.clReleaseKernel(kernel);
        CL.clReleaseProgram(program);
      }
      Map<Integer, float[]> out = new HashMap<>();
      for (int t : plan.outputs()) {
        float[] read = new float[plan.deviceFloats(t)];
        CL.clEnqueueReadBuffer(
            queue,
            buffers.get(plan.hostSide(t)),
            CL_TRUE,
            0,
            (long) read.length * Sizeof.cl_float,
            Pointer.to(read),
            0,
            null,
            null);
        out.put(t, plan.toHost(t, read));
      }
      return out;
    } finally {
      buffers.values().forEach(CL::clReleaseMemObject);
      temporaries.forEach(CL::clReleaseMemObject);
    }
  }

  private cl_mem bufferFor(
      KernelArg arg, GpuPlan plan, Map<Integer, cl_mem> buffers, List<cl_mem> temporaries) {
    if (arg instanceof ConstArg c) {
      cl_mem mem = upload(c.toArray());
      temporaries.add(mem);
      return mem;
    }
    TensorArg t = (TensorArg) arg;
    int storage = plan.storage(t.tensor());
    cl_mem mem = buffers.get(storage);
    if (mem == null) {
      mem = upload(new float[Math.toIntExact(Math.max(4, t.layout().floatCount()))]);
      buffers.put(storage, mem);
    }
    return mem;
  }

  private cl_mem upload(float[] data) {
    float[] d = data.length == 0 ? new float[4] : data;
    return CL.clCreateBuffer(
        context,
        CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
        (long) d.length * Sizeof.cl_float,
        Pointer.to(d),
        null);
  }
}
