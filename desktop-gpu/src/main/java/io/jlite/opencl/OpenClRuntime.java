package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import io.jlite.GpuUnavailableException;
import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.DriverFaults;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * An OpenCL context and in-order command queue on one device, and everything allocated on it:
 * buffers, programs (built once per source, optionally through an on-disk {@link ProgramCache}) and
 * kernels. Closing the runtime releases whatever its users did not close; {@link #liveObjects()}
 * counts what is still held, so tests can check that nothing leaks.
 *
 * <p>Not thread-safe: one runtime serves one interpreter at a time.
 */
public final class OpenClRuntime implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OpenClRuntime.class.getName());
  private static final AtomicInteger OPEN = new AtomicInteger();

  private final DeviceInfo device;
  private final cl_device_id deviceId;
  private final Optional<ProgramCache> cache;
  private final Set<AutoCloseable> live = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<String, ClProgram> programs = new HashMap<>();
  private final boolean profiling;
  private cl_context context;
  private cl_command_queue queue;
  // Made at the first per-run download ({@link #downloadQueue}).
  private cl_command_queue downloadQueue;
  private int programsCompiled;
  private int programsFromDisk;
  private DriverFaults faults = DriverFaults.NONE;

  private OpenClRuntime(
      OpenClDevices.Found found,
      Optional<ProgramCache> cache,
      cl_context context,
      cl_command_queue queue,
      boolean profiling) {
    this.device = found.info();
    this.profiling = profiling;
    this.deviceId = found.device();
    this.cache = cache;
    this.context = context;
    this.queue = queue;
    OPEN.incrementAndGet();
  }

  /** Runtimes (each a context and a queue) open in this process now, for leak checks. */
  public static int openRuntimes() {
    return OPEN.get();
  }

  /**
   * Opens a context and queue on the selected device (see {@link OpenClDevices}).
   *
   * @param deviceSpec a device index or name part; empty: {@code JLITE_OPENCL_DEVICE}, else the
   *     first GPU, else the first device
   * @param cache where compiled programs are kept between runs; empty: compile every time
   * @throws GpuUnavailableException when there is no OpenCL, no matching device, or the context
   *     cannot be created
   */
  public static OpenClRuntime open(Optional<String> deviceSpec, Optional<ProgramCache> cache) {
    return open(deviceSpec, cache, false);
  }

  /**
   * Like {@link #open(Optional, Optional)}; with {@code profiling} the queue records when each
   * command ran on the device (see {@link ClKernel#enqueueTimed}).
   */
  public static OpenClRuntime open(
      Optional<String> deviceSpec, Optional<ProgramCache> cache, boolean profiling) {
    OpenClDevices.Found found = OpenClDevices.select(deviceSpec);
    int[] status = new int[1];
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL.CL_CONTEXT_PLATFORM, found.platform());
    cl_context context =
        CL.clCreateContext(properties, 1, new cl_device_id[] {found.device()}, null, null, status);
    check(status[0], "creating a context on " + found.info().describe());
    cl_queue_properties queueProperties = new cl_queue_properties();
    if (profiling) {
      queueProperties.addProperty(CL.CL_QUEUE_PROPERTIES, CL.CL_QUEUE_PROFILING_ENABLE);
    }
    cl_command_queue queue =
        CL.clCreateCommandQueueWithProperties(context, found.device(), queueProperties, status);
    if (status[0] != CL.CL_SUCCESS) {
      CL.clReleaseContext(context);
      check(status[0], "creating a command queue on " + found.info().describe());
    }
    return new OpenClRuntime(found, cache, context, queue, profiling);
  }

  /** The device this runtime runs on. */
  public DeviceInfo device() {
    return device;
  }

  /** Whether the queue records device times of commands. */
  public boolean profiling() {
    return profiling;
  }

  cl_device_id deviceId() {
    return deviceId;
  }

  cl_command_queue queue() {
    if (queue == null) {
      throw new IllegalStateException("OpenCL runtime on " + device.describe() + " is closed");
    }
    return queue;
  }

  /**
   * The second queue on which early per-run downloads copy outputs to the host ({@link
   * ClBuffer#startEarlyDownload}), made at the first: a copy there waits for the kernels before it
   * on {@link #queue} (through a marker) but not for those after it, so an output written early in
   * a partition moves to the host while the partition's later kernels run.
   */
  cl_command_queue downloadQueue() {
    if (downloadQueue == null) {
      int[] status = new int[1];
      cl_command_queue made =
          CL.clCreateCommandQueueWithProperties(
              queueContext(), deviceId, new cl_queue_properties(), status);
      check(status[0], "creating a download queue on " + device.describe());
      downloadQueue = made;
    }
    return downloadQueue;
  }

  /**
   * An event that completes when every command enqueued on {@link #queue} so far has finished; the
   * caller releases it. OpenCL asks for a {@link #flush} of this queue before a command on another
   * queue can rely on the marker, so waiting on the host for such a command must flush first. The
   * marker itself does not flush: that host wait is the only one that needs it (a driver may submit
   * the marker sooner, with the kernels after it), and a flush here cost heavy 15 µs a run on the
   * H200 (interleaved 1.669 / 1.675 ms without against 1.684 / 1.692).
   */
  cl_event marker() {
    cl_event marker = new cl_event();
    check(CL.clEnqueueMarkerWithWaitList(queue(), 0, null, marker), "marking the command queue");
    return marker;
  }

  /**
   * A user event of this runtime's context: commands that wait for it stay queued until {@link
   * #complete} sets it; the caller must complete it (or nothing after it ever runs).
   */
  cl_event userEvent() {
    int[] status = new int[1];
    cl_event event = CL.clCreateUserEvent(context, status);
    check(status[0], "creating a user event on " + device.describe());
    return event;
  }

  /**
   * Sets a {@link #userEvent} complete, so the commands waiting for it may run, and releases it.
   */
  void complete(cl_event userEvent) {
    try {
      check(CL.clSetUserEventStatus(userEvent, CL.CL_COMPLETE), "completing a user event");
    } finally {
      CL.clReleaseEvent(userEvent);
    }
  }

  /** Submits the commands enqueued so far to the device, without waiting. */
  void flush() {
    check(CL.clFlush(queue()), "flushing the command queue");
  }

  /**
   * A new device buffer of {@code bytes} bytes (at least 1), owned by the caller.
   *
   * @throws GpuUnavailableException when the device cannot hold it
   */
  public ClBuffer allocate(String label, long bytes) {
    if (bytes > device.maxAllocBytes()) {
      throw new GpuUnavailableException(
          "OpenCL device out of memory: buffer '"
              + label
              + "' needs "
              + bytes
              + " bytes, "
              + device.describe()
              + " allows at most "
              + device.maxAllocBytes()
              + " per buffer");
    }
    return track(new ClBuffer(this, label, bytes, createBuffer(label, 0, bytes)));
  }

  /**
   * A new read-write {@code cl_mem} of {@code bytes} bytes (at least 1) with extra {@code flags}.
   */
  cl_mem createBuffer(String label, long flags, long bytes) {
    cl_context context = queueContext();
    int[] status = new int[1];
    cl_mem[] mem = new cl_mem[1];
    check(
        call(
            DriverCall.ALLOCATE,
            label,
            () -> {
              mem[0] =
                  CL.clCreateBuffer(
                      context, CL.CL_MEM_READ_WRITE | flags, Math.max(1, bytes), null, status);
              return status[0];
            }),
        "allocating buffer '" + label + "' of " + bytes + " bytes");
    return mem[0];
  }

  private cl_context queueContext() {
    queue();
    return context;
  }

  /**
   * The program built from {@code source} with compiler {@code options}: from this runtime's memory
   * if built before, else from the disk cache if a valid binary is there, else compiled (and then
   * stored in the disk cache).
   *
   * @throws ProgramBuildException when the source does not compile, with the compiler's log
   */
  public ClProgram program(String source, String options) {
    String descriptor = ProgramCache.descriptor(device, options, source);
    String key = ProgramCache.key(descriptor);
    ClProgram built = programs.get(key);
    if (built == null) {
      built =
          fromDisk(descriptor, key, options)
              .orElseGet(() -> compile(descriptor, key, source, options, true));
      programs.put(key, built);
    }
    return built;
  }

  /**
   * A program compiled from {@code source} for the caller alone, who closes it: neither looked up
   * in nor added to the caches. For the autotuner's trials, which time one kernel at a time while
   * the partition builds its kernels together into one program: a trial's program is not built
   * again.
   *
   * @throws ProgramBuildException when the source does not compile, with the compiler's log
   */
  ClProgram programForOneUse(String source, String options) {
    String descriptor = ProgramCache.descriptor(device, options, source);
    return compile(descriptor, ProgramCache.key(descriptor), source, options, false);
  }

  private Optional<ClProgram> fromDisk(String descriptor, String key, String options) {
    if (cache.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> binary = cache.get().load(descriptor);
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    int[] binaryStatus = new int[1];
    int[] status = new int[1];
    cl_program program =
        CL.clCreateProgramWithBinary(
            queueContext(),
            1,
            new cl_device_id[] {deviceId},
            new long[] {binary.get().length},
            new byte[][] {binary.get()},
            binaryStatus,
            status);
    int build =
        status[0] == CL.CL_SUCCESS && binaryStatus[0] == CL.CL_SUCCESS
            ? CL.clBuildProgram(program, 1, new cl_device_id[] {deviceId}, options, null, null)
            : CL.CL_INVALID_BINARY;
    if (build != CL.CL_SUCCESS) {
      if (program != null && status[0] == CL.CL_SUCCESS) {
        CL.clReleaseProgram(program);
      }
      // A binary the driver refuses is stale (e.g. from an older driver build): compile instead.
      cache
          .get()
          .evict(descriptor, "the driver refused the binary: " + CL.stringFor_errorCode(build));
      return Optional.empty();
    }
    programsFromDisk++;
    return Optional.of(track(new ClProgram(this, key, true, program)));
  }

  private ClProgram compile(
      String descriptor, String key, String source, String options, boolean store) {
    int[] status = new int[1];
    cl_program program =
        CL.clCreateProgramWithSource(queueContext(), 1, new String[] {source}, null, status);
    check(status[0], "creating a program from source");
    int build =
        call(
            DriverCall.BUILD,
            String.join(", ", kernelNames(source)),
            () ->
                CL.clBuildProgram(program, 1, new cl_device_id[] {deviceId}, options, null, null));
    if (build != CL.CL_SUCCESS) {
      String log = buildLog(program);
      CL.clReleaseProgram(program);
      throw new ProgramBuildException(
          "OpenCL program did not compile on "
              + device.describe()
              + " ("
              + CL.stringFor_errorCode(build)
              + ", options '"
              + options
              + "', kernels "
              + kernelNames(source)
              + ")",
          log);
    }
    programsCompiled++;
    ClProgram compiled = track(new ClProgram(this, key, false, program));
    if (store) {
      cache.ifPresent(c -> binary(program).ifPresent(b -> c.store(descriptor, b)));
    }
    return compiled;
  }

  /** Longest build log kept: a driver that reports a nonsense size must not exhaust the heap. */
  private static final int MAX_BUILD_LOG = 1 << 20;

  private String buildLog(cl_program program) {
    long[] size = new long[1];
    int status =
        CL.clGetProgramBuildInfo(program, deviceId, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
    if (status != CL.CL_SUCCESS || size[0] <= 0 || size[0] > MAX_BUILD_LOG) {
      // E.g. a build that never started (out of resources): the size is not meaningful.
      return "(no build log: " + CL.stringFor_errorCode(status) + ", size " + size[0] + ")";
    }
    byte[] log = new byte[(int) size[0]];
    CL.clGetProgramBuildInfo(
        program, deviceId, CL.CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
    return new String(log, StandardCharsets.UTF_8).replace("\0", "").strip();
  }

  private Optional<byte[]> binary(cl_program program) {
    long[] size = new long[1];
    int status =
        CL.clGetProgramInfo(
            program, CL.CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null);
    if (status != CL.CL_SUCCESS || size[0] <= 0) {
      LOG.log(Level.INFO, "OpenCL driver of " + device.describe() + " returns no program binary");
      return Optional.empty();
    }
    byte[] binary = new byte[(int) size[0]];
    status =
        CL.clGetProgramInfo(
            program,
            CL.CL_PROGRAM_BINARIES,
            Sizeof.POINTER,
            Pointer.to(new Pointer[] {Pointer.to(binary)}),
            null);
    return status == CL.CL_SUCCESS ? Optional.of(binary) : Optional.empty();
  }

  private static final Pattern KERNEL = Pattern.compile("\\b(?:__)?kernel\\s+void\\s+(\\w+)");

  /** The kernel functions {@code source} defines (a partition's program defines all of its). */
  private static List<String> kernelNames(String source) {
    return KERNEL.matcher(source).results().map(m -> m.group(1)).toList();
  }

  /**
   * The status of a driver call: the error {@link #injectFaults} makes it report, else the real
   * call's.
   */
  int call(DriverCall kind, String what, IntSupplier driver) {
    int injected = faults.errorFor(kind, what);
    return injected != CL.CL_SUCCESS ? injected : driver.getAsInt();
  }

  /**
   * Test seam: from now on the driver calls of this runtime fail as {@code faults} decides (with an
   * OpenCL error code), the way a real driver reports out of memory or a lost device.
   */
  void injectFaults(DriverFaults faults) {
    this.faults = faults;
  }

  /** Waits until every enqueued command has finished. */
  public void finish() {
    check(CL.clFinish(queue()), "waiting for the command queue");
  }

  /** Programs compiled from source since this runtime opened. */
  public int programsCompiled() {
    return programsCompiled;
  }

  /** Programs loaded from the disk cache since this runtime opened. */
  public int programsFromDisk() {
    return programsFromDisk;
  }

  /** Buffers, programs and kernels allocated on this runtime and not yet closed. */
  public int liveObjects() {
    return live.size();
  }

  /** Buffers ({@code cl_mem}) allocated on this runtime and not yet closed. */
  public int liveBuffers() {
    return (int) live.stream().filter(o -> o instanceof ClBuffer).count();
  }

  <T extends AutoCloseable> T track(T object) {
    live.add(object);
    return object;
  }

  void released(AutoCloseable object) {
    live.remove(object);
    if (object instanceof ClProgram program) {
      // Only the cached one: a program for one use may have the same key.
      programs.remove(program.key(), program);
    }
  }

  /** Releases everything still allocated, then the queue and the context. */
  @Override
  public void close() {
    if (queue == null) {
      return;
    }
    CL.clFinish(queue);
    if (downloadQueue != null) {
      CL.clFinish(downloadQueue);
    }
    // Kernels hold their programs: release them first, then buffers and programs.
    for (Class<?> kind :
        List.of(ClKernel.class, ClBuffer.class, PinnedHostMemory.class, ClProgram.class)) {
      for (AutoCloseable object : List.copyOf(live)) {
        if (kind.isInstance(object)) {
          closeQuietly(object);
        }
      }
    }
    CL.clReleaseCommandQueue(queue);
    if (downloadQueue != null) {
      CL.clReleaseCommandQueue(downloadQueue);
      downloadQueue = null;
    }
    CL.clReleaseContext(context);
    queue = null;
    context = null;
    OPEN.decrementAndGet();
  }

  private static void closeQuietly(AutoCloseable object) {
    try {
      object.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "releasing " + object + " failed: " + e);
    }
  }
}
