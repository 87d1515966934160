package io.jlite.gles;

import io.jlite.GpuUnavailableException;
import io.jlite.gles.lwjgl.LwjglBinding;
import io.jlite.gpu.GpuDelegateBase;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.fusion.KernelBuffers;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.List;
import java.util.Optional;

/**
 * Runs the ops {@code gpu-common} has templates for as OpenGL ES 3.1 compute shaders, like TFLite's
 * GL delegate; the interpreter runs the rest on the reference CPU.
 *
 * <pre>{@code
 * try (GlesDelegate gpu = new GlesDelegate();
 *     Interpreter interpreter =
 *         new Interpreter(modelFile, new Interpreter.Options().addDelegate(gpu))) {
 *   interpreter.run(input, output);
 * }
 * }</pre>
 *
 * <p>Threading rule: construction opens a GL context current on the calling thread; prepare, run
 * and close must happen on that thread too (another thread gets an {@link IllegalStateException}).
 *
 * <p>Without a driver construction throws {@link GpuUnavailableException}, unless {@link
 * GlesOptions#fallbackToCpu()} asked for a warning and CPU execution instead (the delegate then
 * claims nothing). A partition that fails to prepare (a shader the driver rejects, out of memory)
 * or to run (out of memory, context lost, any GL error) throws {@link GpuFaultException} naming the
 * ops and the GL error, or with fallback runs on the CPU after one warning (see {@link
 * io.jlite.gpu.fault.GpuFallback}: after a failed run every later run of this delegate's ops uses
 * the CPU).
 */
public final class GlesDelegate extends GpuDelegateBase {
  private static final System.Logger LOG = System.getLogger(GlesDelegate.class.getName());

  private final GlesOptions options;
  private final Optional<GlesContext> context;
  private final Optional<WorkgroupChooser> workgroups;
  private final Optional<WorkgroupTuner> tuner;

  /** A delegate with {@link GlesOptions#defaults()} on the desktop (LWJGL) binding. */
  public GlesDelegate() {
    this(GlesOptions.defaults());
  }

  /** A delegate on the desktop (LWJGL) binding. */
  public GlesDelegate(GlesOptions options) {
    this(options, new LwjglBinding());
  }

  /**
   * A delegate on {@code binding} (e.g. {@link io.jlite.gles.android.AndroidBinding} on a phone).
   *
   * @throws GpuUnavailableException when no OpenGL ES 3.1 context can be had and fallback is off
   */
  public GlesDelegate(GlesOptions options, GlesBinding binding) {
    super("OpenGL ES", options.fallbackToCpu(), LOG);
    this.options = options;
    this.context = fallback().openDevice(() -> GlesContext.open(binding, options.programCache()));
    this.tuner =
        options.autotune()
            ? context.map(gl -> GlesWorkgroups.tuner(gl, options.programCache()))
            : Optional.empty();
    this.workgroups =
        tuner.<WorkgroupChooser>map(t -> t).or(() -> context.map(GlesWorkgroups::heuristic));
  }

  @Override
  public String name() {
    return "gles";
  }

  /** The options it was made with. */
  public GlesOptions options() {
    return options;
  }

  /** The driver in use; empty when the delegate fell back to the CPU. */
  public Optional<GlesDeviceInfo> device() {
    return context.map(GlesContext::info);
  }

  /** Programs compiled from source so far (the cold-start cost). */
  public int programsCompiled() {
    return context.map(GlesContext::programsCompiled).orElse(0);
  }

  /** Programs loaded from the program binary cache so far. */
  public int programsFromDisk() {
    return context.map(GlesContext::programsFromDisk).orElse(0);
  }

  @Override
  protected Optional<WorkgroupTuner> tuner() {
    return tuner;
  }

  /**
   * Buffers and textures held in the context now: the device memory of prepared partitions (for
   * leak checks: none once every interpreter closed).
   */
  public int liveDeviceBuffers() {
    return context.map(gl -> gl.liveBuffers() + gl.liveTextures()).orElse(0);
  }

  /** Textures held in the context now (0 unless {@link GlesOptions#textures()}). */
  public int liveTextures() {
    return context.map(GlesContext::liveTextures).orElse(0);
  }

  /**
   * Buffers, textures and programs held in the context now (programs stay until the delegate
   * closes).
   */
  public int liveDeviceObjects() {
    return context.map(GlesContext::liveObjects).orElse(0);
  }

  @Override
  public boolean claims(Graph graph, Node node) {
    return context.isPresent()
        && fallback().active()
        && GpuPlanner.supports(graph, node)
        && KernelBuffers.fit(graph, node, context.get().info().maxStorageBlocks());
  }

  @Override
  public Kernel prepare(Graph graph, List<Node> partition) {
    GlesContext gl =
        context.orElseThrow(() -> new IllegalStateException("prepare() without claims()"));
    return fallback()
        .prepare(
            graph,
            partition,
            () ->
                new GlesPartition(
                    gl,
                    GpuPlanner.plan(
                        graph,
                        partition,
                        GpuPlanner.Options.forDevice(workgroups.orElseThrow(), options.precision())
                            .withMaxKernelBuffers(gl.info().maxStorageBlocks())),
                    options.memory(),
                    options.textures()
                        ? Optional.of(TextureChoice.Limits.of(gl.info()))
                        : Optional.empty()));
  }

  /**
   * Releases every buffer and program, the context and the EGL display; call after closing every
   * interpreter that uses this delegate, on the thread that created it.
   */
  @Override
  public void close() {
    context.ifPresent(GlesContext::close);
  }
}
